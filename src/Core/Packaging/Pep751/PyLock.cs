using System.Security.Cryptography;

namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// A PEP 751 lock file (<c>pylock.toml</c>) for one venv env: the exact, hashed files to install, so every
/// machine installs the same artifacts without resolving. <see cref="PyLockWriter"/> writes it and
/// <see cref="PyLockReader"/> reads it back.
/// </summary>
/// <param name="Environments">PEP 508 markers of the environments the lock covers; empty when unrestricted.</param>
/// <param name="RequiresPython">The lowest Python any covered environment may have (a PEP 440 specifier set), or null.</param>
/// <param name="Packages">Every package that may be installed; a package may appear once per marker or platform.</param>
/// <param name="M1Env">What M1Env records beyond the standard, in <c>[tool.m1env]</c>; null in files written by other tools.</param>
public sealed record PyLock(
    IReadOnlyList<string> Environments,
    string? RequiresPython,
    IReadOnlyList<PyLockPackage> Packages,
    PyLockM1EnvTool? M1Env)
{
    /// <summary>The only lock-version M1Env writes.</summary>
    public const string CurrentLockVersion = "1.0";

    /// <summary>The tool name written as <c>created-by</c>.</summary>
    public const string M1EnvCreator = "m1env";

    /// <summary>The file's <c>lock-version</c>; a read file may carry a newer minor version than <see cref="CurrentLockVersion"/>.</summary>
    public string LockVersion { get; init; } = CurrentLockVersion;

    /// <summary>The tool that wrote the file (<c>created-by</c>).</summary>
    public string CreatedBy { get; init; } = M1EnvCreator;

    /// <summary>The extras the lock supports; M1Env locks installs, not projects, so it writes none.</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];

    /// <summary>The dependency groups users can ask for; M1Env writes none.</summary>
    public IReadOnlyList<string> DependencyGroups { get; init; } = [];

    /// <summary>The synthetic groups installed by default; M1Env writes none.</summary>
    public IReadOnlyList<string> DefaultGroups { get; init; } = [];

    /// <summary>
    /// The SHA-256 of a lock file's bytes as lowercase hex: what a no-op check compares with the hash it
    /// recorded at the last install, so an unchanged lock file costs one hash and no parse.
    /// </summary>
    public static string ContentHash(ReadOnlySpan<byte> fileBytes) => Convert.ToHexString(SHA256.HashData(fileBytes)).ToLowerInvariant();
}
