namespace M1Env.Core.Spec;

/// <summary>What a declaration is resolved against: where relative paths start and where pip looks.</summary>
/// <param name="ToolsDirectory">M1EnvToolsDir: no prefix may be it or hold it.</param>
public sealed record SpecContext(string ProjectDirectory, string EnvRoot, PackageSourceSettings Sources, string ToolsDirectory)
{
    /// <summary>Where conda keeps named envs (<c>&lt;root&gt;/envs</c> of the conda M1Env will use), for <c>Named="true"</c>; null when unknown.</summary>
    public string? NamedEnvsDirectory { get; init; }

    /// <summary>The lock properties of the build.</summary>
    public LockSettings Lock { get; init; } = LockSettings.Default;

    /// <summary>M1EnvLockFile: the lock file of a project's only env, relative to the project; null for the default.</summary>
    public string? LockFile { get; init; }
}
