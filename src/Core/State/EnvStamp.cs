using M1Env.Core.Python;

namespace M1Env.Core.State;

/// <summary>
/// What M1Env recorded about a prefix: a cache of what is on disk, never the only witness of it.
/// <see cref="Complete"/> is false while work is under way and <see cref="Created"/> false while the env
/// itself is being made, so a build stopped at any point leaves a stamp that says what to repair.
/// </summary>
/// <param name="Owner">The project and env that declared this prefix; another one is refused.</param>
/// <param name="Location">The prefix's real path when the stamp was written: another path means the env was moved or copied.</param>
/// <param name="SourcesHash">A hash of the package sources, so a changed setting can be named as the reason.</param>
/// <param name="Interpreter">What the env was made from; null while a conda env is being made (its Python is not there yet).</param>
/// <param name="PipPackages">The declared requirements.</param>
/// <param name="Installed">Every distribution on disk after the last successful build, dependencies included.</param>
public sealed record EnvStamp(
    int Schema,
    bool Complete,
    bool Created,
    string ToolVersion,
    string SpecHash,
    EnvOwner Owner,
    string Location,
    string PythonRequest,
    PythonInterpreter? Interpreter,
    string SourcesHash,
    IReadOnlyList<StampedPackage> PipPackages,
    IReadOnlyList<StampedDistribution> Installed)
{
    public const int CurrentSchema = 2;

    /// <summary>The declared conda specs (a conda env only).</summary>
    public IReadOnlyList<StampedPackage> CondaPackages { get; init; } = [];

    /// <summary>Every conda package in the env after the last successful build, as name and version-build.</summary>
    public IReadOnlyList<StampedDistribution> CondaInstalled { get; init; } = [];

    /// <summary>The last in-env check (M1EnvVerify), or null when none ran for this env as it is.</summary>
    public StampedVerification? Verification { get; init; }
}
