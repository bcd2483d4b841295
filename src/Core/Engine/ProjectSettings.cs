using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Spec;
using M1Env.Core.Verify;

namespace M1Env.Core.Engine;

/// <summary>
/// A project's M1Env properties, as the MSBuild task receives them or the <c>m1env</c> tool reads them
/// with <c>dotnet msbuild -getProperty</c>: one place turns them into specs and a provisioner, so the
/// build and the tool do the same thing.
/// </summary>
public sealed record ProjectSettings(string ProjectFile, string ProjectDirectory, string EnvRoot, string ToolsDirectory)
{
    public PackageSourceSettings Sources { get; init; } = PackageSourceSettings.Default;

    public CondaSettings? Conda { get; init; }

    public VerifySettings Verify { get; init; } = VerifySettings.Off;

    public TimeSpan LockTimeout { get; init; } = M1EnvSettings.DefaultLockTimeout;

    /// <summary>M1EnvLockFile: the lock file of the project's only env; null for the default.</summary>
    public string? LockFile { get; init; }

    /// <summary>The lock properties (M1EnvLockedMode, M1EnvFrozen, M1EnvLockPlatforms, M1EnvLockUpdate...).</summary>
    public LockSettings Lock { get; init; } = LockSettings.Default;

    /// <summary>M1EnvPythonPreference, M1EnvPythonDownloads, M1EnvPythonMirror, M1EnvPythonArchive and M1EnvPythonSha256, as written.</summary>
    public ManagedPythonText ManagedPythons { get; init; } = ManagedPythonText.Default;

    /// <summary>M1EnvLinkMode as written; read by <see cref="LinkModeSetting"/>.</summary>
    public string? LinkMode { get; init; }

    /// <summary>The settings a project's M1Env properties give, the same for the task and the tool.</summary>
    /// <param name="verifyReportDirectory">Where the in-env check's JSON reports go (the project's obj folder).</param>
    /// <param name="relock">The M1EnvLock target: resolve every env again.</param>
    public static ProjectSettings FromValues(SettingValues values, string projectFile, string projectDirectory, string? verifyReportDirectory, bool relock)
    {
        var tools = values.Text(M1EnvSettings.ToolsDir)!;
        var verify = values.Flag(M1EnvSettings.Verify);
        var requireAccelerator = values.Flag(M1EnvSettings.RequireAccelerator);
        return new ProjectSettings(projectFile, projectDirectory, values.Text(M1EnvSettings.Root) ?? string.Empty, tools)
        {
            Sources = new PackageSourceSettings(
                values.Text(M1EnvSettings.PipIndexUrl),
                values.List(M1EnvSettings.PipExtraIndexUrls),
                values.List(M1EnvSettings.PipFindLinks),
                values.Flag(M1EnvSettings.Offline)),
            Conda = new CondaSettings(values.Text(M1EnvSettings.CondaExe), values.Flag(M1EnvSettings.Bootstrap), tools)
            {
                MiniforgeVersion = values.Text(M1EnvSettings.MiniforgeVersion),
                MiniforgeUrl = values.Text(M1EnvSettings.MiniforgeUrl),
                MiniforgeSha256 = values.Text(M1EnvSettings.MiniforgeSha256),
            },
            Verify = new VerifySettings(verify || requireAccelerator, requireAccelerator, verifyReportDirectory),
            LockTimeout = TimeSpan.FromMinutes(values.Number(M1EnvSettings.LockTimeoutMinutes)),
            LockFile = values.Text(M1EnvSettings.LockFile),
            LinkMode = values.Text(M1EnvSettings.LinkMode),
            ManagedPythons = new ManagedPythonText(
                values.Text(M1EnvSettings.PythonPreference),
                values.Text(M1EnvSettings.PythonDownloads),
                values.Text(M1EnvSettings.PythonMirror),
                values.Text(M1EnvSettings.PythonArchive),
                values.Text(M1EnvSettings.PythonSha256)),
            Lock = LockSettings.FromProperties(
                values.Flag(M1EnvSettings.Frozen),
                values.Flag(M1EnvSettings.LockedMode),
                values.List(M1EnvSettings.LockPlatforms),
                values.List(M1EnvSettings.LockUpdate),
                relock,
                values.List(M1EnvSettings.LockPrivateHosts)),
        };
    }

    /// <summary>Validates the declarations into specs and makes the provisioner that applies them.</summary>
    public (SpecBuildResult Specs, EnvProvisioner Provisioner) Prepare(
        IReadOnlyList<EnvDeclaration> envs,
        IReadOnlyList<PackageDeclaration> pipPackages,
        IReadOnlyList<CondaPackageDeclaration> condaPackages,
        IProvisionLog log,
        string? buildKey)
    {
        var conda = Conda ?? new CondaSettings(null, Bootstrap: true, ToolsDirectory);
        var condaLocator = CondaLocators.ForCurrentProcess(new ProcessRunner(log), log, LockTimeout);
        var context = new SpecContext(ProjectDirectory, EnvRoot, Sources, ToolsDirectory)
        {
            // Read from files only, and only when a conda env is declared.
            NamedEnvsDirectory = envs.Any(e => e.Kind == EnvKind.Conda) ? condaLocator.NamedEnvsDirectory(conda) : null,
            LockFile = LockFile,
            Lock = Lock,
        };
        var specs = SpecBuilder.Build(envs, pipPackages, condaPackages, context);
        foreach (var warning in specs.Warnings)
        {
            log.Warning(warning.Code, warning.Message);
        }
        if (!LinkModeSetting.TryParse(LinkMode, out var linkMode))
        {
            specs = specs with { Errors = [.. specs.Errors, new SpecError(ErrorCodes.InvalidSetting, LinkModeSetting.Rejection(LinkMode!))] };
        }

        var managedPythons = ManagedPythons.Read(ToolsDirectory, LockTimeout, out var managedPythonsError);
        if (managedPythonsError is not null && envs.Any(e => e.Kind == EnvKind.Venv))
        {
            specs = specs with { Errors = [.. specs.Errors, managedPythonsError] };
        }

        var options = new ProvisionOptions(ToolsDirectory, ToolInfo.Version, LockTimeout, buildKey)
        {
            ProjectFile = ProjectFile,
            EnvRoot = EnvRoot,
            Conda = conda,
            Verify = Verify,
            LinkMode = linkMode,
            ManagedPythons = managedPythons,
        };
        return (specs, new EnvProvisioner(options, log, condaLocator: condaLocator));
    }
}
