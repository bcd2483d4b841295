using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Python;

namespace M1Env.Core.Spec;

/// <summary>A validated, canonical environment: everything that decides what ends up in the prefix.</summary>
public sealed record EnvSpec(
    string Name,
    EnvKind Kind,
    PythonRequest Python,
    string Prefix,
    IReadOnlyList<PipRequirement> PipPackages,
    PackageSourceSettings Sources)
{
    /// <summary>The conda packages that apply to this machine, sorted by name (always empty for a venv).</summary>
    public IReadOnlyList<CondaRequirement> CondaPackages { get; init; } = [];

    /// <summary>
    /// Every declared pip package, for every platform, sorted by name: what the lock records and resolves per
    /// platform. <see cref="PipPackages"/> holds those of them that apply to this machine, which alone it installs.
    /// Unless set, the same as <see cref="PipPackages"/>.
    /// </summary>
    public IReadOnlyList<PipRequirement> DeclaredPipPackages { get => declaredPipPackages ?? PipPackages; init => declaredPipPackages = value; }

    /// <summary>Every declared conda package, for every platform (see <see cref="DeclaredPipPackages"/>).</summary>
    public IReadOnlyList<CondaRequirement> DeclaredCondaPackages { get => declaredCondaPackages ?? CondaPackages; init => declaredCondaPackages = value; }

    private readonly IReadOnlyList<PipRequirement>? declaredPipPackages;

    private readonly IReadOnlyList<CondaRequirement>? declaredCondaPackages;

    /// <summary>The conda channels in priority order (always empty for a venv).</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>The env lives in conda's envs folder under its name.</summary>
    public bool Named { get; init; }

    /// <summary>A Jupyter kernel runs the env's Python (ipykernel is among its packages, added when not declared).</summary>
    public bool Jupyter { get; init; }

    /// <summary>The env's lock file (absolute): <c>pylock.NAME.toml</c> beside the project unless declared elsewhere.</summary>
    public string LockFile { get; init; } = string.Empty;

    /// <summary>The PEP 751 lock of the env's pip packages: <see cref="LockFile"/> for a venv, <c>pylock.NAME.toml</c> beside a conda env's lock files.</summary>
    public string PipLockFile { get; init; } = string.Empty;

    /// <summary>
    /// Where <see cref="PipLockFile"/> goes under PEP 751's name, while it is still under the name M1Env
    /// used before (see <see cref="PyLockNames"/>); null once it has that name. A build renames it, a plan only reads it.
    /// </summary>
    public string? PipLockStandardFile { get; init; }

    /// <summary>The sha256 of the bytes of this machine's lock file, empty when the env has no lock: part of the spec's hash.</summary>
    public string LockHash { get; init; } = string.Empty;

    /// <summary>A conda env's lock for this machine's platform (an explicit file), null when its conda packages are not locked.</summary>
    public string? CondaLockFile { get; init; }

    /// <summary>How this build treats the lock.</summary>
    public LockSettings Lock { get; init; } = LockSettings.Default;
}
