namespace M1Env.Core.Spec;

/// <summary>
/// Every M1Env property the tasks receive and the <c>m1env</c> tool reads, with its default and
/// whether it enters the no-op build key: the one list the task, the tool and
/// (through SettingsTargetsTests) M1Env.targets agree on.
/// </summary>
public static class M1EnvSettings
{
    /// <summary>The targets default it to the project's <c>.m1env/</c>, made absolute; it reaches the key through each env's prefix.</summary>
    public static M1EnvSetting Root { get; } = new("M1EnvRoot", "EnvRoot", SettingType.Text, null, EntersBuildKey: false);

    public static M1EnvSetting ToolsDir { get; } = new("M1EnvToolsDir", "ToolsDir", SettingType.Text, DefaultToolsDirectory, EntersBuildKey: true);

    public static M1EnvSetting PipIndexUrl { get; } = new("M1EnvPipIndexUrl", "PipIndexUrl", SettingType.Text, null, EntersBuildKey: true);

    public static M1EnvSetting PipExtraIndexUrls { get; } = new("M1EnvPipExtraIndexUrls", "PipExtraIndexUrls", SettingType.List, null, EntersBuildKey: true);

    public static M1EnvSetting PipFindLinks { get; } = new("M1EnvPipFindLinks", "PipFindLinks", SettingType.List, null, EntersBuildKey: true);

    public static M1EnvSetting Offline { get; } = new("M1EnvOffline", "Offline", SettingType.Flag, "false", EntersBuildKey: true);

    public static M1EnvSetting CondaExe { get; } = new("M1EnvCondaExe", "CondaExe", SettingType.Text, null, EntersBuildKey: true);

    public static M1EnvSetting Bootstrap { get; } = new("M1EnvBootstrap", "Bootstrap", SettingType.Flag, "true", EntersBuildKey: true);

    public static M1EnvSetting MiniforgeVersion { get; } = new("M1EnvMiniforgeVersion", "MiniforgeVersion", SettingType.Text, null, EntersBuildKey: true);

    public static M1EnvSetting MiniforgeUrl { get; } = new("M1EnvMiniforgeUrl", "MiniforgeUrl", SettingType.Text, null, EntersBuildKey: true);

    public static M1EnvSetting MiniforgeSha256 { get; } = new("M1EnvMiniforgeSha256", "MiniforgeSha256", SettingType.Text, null, EntersBuildKey: true);

    /// <summary>system (the machine's interpreters first), managed or only-managed: where a PythonEnv's CPython comes from.</summary>
    public static M1EnvSetting PythonPreference { get; } = new("M1EnvPythonPreference", "PythonPreference", SettingType.Text, "system", EntersBuildKey: true);

    /// <summary>automatic or never: whether a managed CPython may be downloaded.</summary>
    public static M1EnvSetting PythonDownloads { get; } = new("M1EnvPythonDownloads", "PythonDownloads", SettingType.Text, "automatic", EntersBuildKey: true);

    public static M1EnvSetting PythonMirror { get; } = new("M1EnvPythonMirror", "PythonMirror", SettingType.Text, null, EntersBuildKey: true);

    public static M1EnvSetting PythonArchive { get; } = new("M1EnvPythonArchive", "PythonArchive", SettingType.Text, null, EntersBuildKey: true);

    public static M1EnvSetting PythonSha256 { get; } = new("M1EnvPythonSha256", "PythonSha256", SettingType.Text, null, EntersBuildKey: true);

    public static M1EnvSetting LockFile { get; } = new("M1EnvLockFile", "LockFile", SettingType.Text, null, EntersBuildKey: true);

    /// <summary>The targets turn it on in a CI build (ContinuousIntegrationBuild).</summary>
    public static M1EnvSetting LockedMode { get; } = new("M1EnvLockedMode", "LockedMode", SettingType.Flag, "false", EntersBuildKey: true);

    public static M1EnvSetting Frozen { get; } = new("M1EnvFrozen", "Frozen", SettingType.Flag, "false", EntersBuildKey: true);

    public static M1EnvSetting LockPlatforms { get; } = new("M1EnvLockPlatforms", "LockPlatforms", SettingType.List, null, EntersBuildKey: true);

    public static M1EnvSetting LockUpdate { get; } = new("M1EnvLockUpdate", "LockUpdate", SettingType.List, null, EntersBuildKey: true);

    public static M1EnvSetting LockPrivateHosts { get; } = new("M1EnvLockPrivateHosts", "LockPrivateHosts", SettingType.List, null, EntersBuildKey: true);

    /// <summary>Changes no env's content, but a changed value must reach the task once, which rejects a bad one.</summary>
    public static M1EnvSetting LinkMode { get; } = new("M1EnvLinkMode", "LinkMode", SettingType.Text, null, EntersBuildKey: true);

    public static M1EnvSetting Verify { get; } = new("M1EnvVerify", "Verify", SettingType.Flag, "false", EntersBuildKey: true);

    public static M1EnvSetting RequireAccelerator { get; } = new("M1EnvRequireAccelerator", "RequireAccelerator", SettingType.Flag, "false", EntersBuildKey: true);

    /// <summary>How long to wait for another build working on the same prefix; changes no env, so it stays out of the key.</summary>
    public static M1EnvSetting LockTimeoutMinutes { get; } = new("M1EnvLockTimeoutMinutes", "LockTimeoutMinutes", SettingType.Number, "30", EntersBuildKey: false);

    public static IReadOnlyList<M1EnvSetting> All { get; } =
    [
        Root, ToolsDir, PipIndexUrl, PipExtraIndexUrls, PipFindLinks, Offline, CondaExe, Bootstrap, MiniforgeVersion, MiniforgeUrl,
        MiniforgeSha256, PythonPreference, PythonDownloads, PythonMirror, PythonArchive, PythonSha256, LockFile, LockedMode, Frozen, LockPlatforms, LockUpdate, LockPrivateHosts, LinkMode, Verify, RequireAccelerator,
        LockTimeoutMinutes,
    ];

    /// <summary>M1Env's per-user folder (the targets' default is the same folder, with a trailing slash).</summary>
    public static string DefaultToolsDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".m1env");

    /// <summary>The lock timeout of a project that sets none, and of whatever runs outside a project.</summary>
    public static TimeSpan DefaultLockTimeout => TimeSpan.FromMinutes(int.Parse(LockTimeoutMinutes.Default!, System.Globalization.CultureInfo.InvariantCulture));
}
