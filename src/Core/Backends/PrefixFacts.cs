using M1Env.Core.State;

namespace M1Env.Core.Backends;

/// <summary>What a prefix is, read from a few entries without starting any process.</summary>
/// <param name="Exists">The folder exists.</param>
/// <param name="IsEmpty">The folder has no entries (or does not exist).</param>
/// <param name="IsEnv">It holds an env of the declared kind (a venv's pyvenv.cfg and interpreter, a conda env's conda-meta).</param>
/// <param name="HasM1EnvState">M1Env has worked on it before (its .m1env folder is there).</param>
public sealed record PrefixFacts(bool Exists, bool IsEmpty, bool IsEnv, bool HasM1EnvState)
{
    /// <summary>
    /// M1Env's creation marker for the prefix is there (<see cref="CreationMarker"/>): a build
    /// was stopped while it made the env, so what the prefix holds is M1Env's half-made env.
    /// </summary>
    public bool BeingMade { get; init; }

    /// <summary>M1Env made (or was making) what the prefix holds, so it may remake it.</summary>
    public bool IsOurs => HasM1EnvState || BeingMade;

    /// <summary>The prefix holds files that are neither an env of its kind nor M1Env's: nothing M1Env will touch.</summary>
    public bool HoldsForeignFiles => Exists && !IsEmpty && !IsEnv && !IsOurs;

    /// <param name="looksLikeEnv">The backend's test for an env of its kind.</param>
    public static PrefixFacts Inspect(string prefix, Func<string, bool> looksLikeEnv) =>
        Directory.Exists(prefix)
            ? new PrefixFacts(
                Exists: true,
                IsEmpty: !Directory.EnumerateFileSystemEntries(prefix).Any(),
                IsEnv: looksLikeEnv(prefix),
                HasM1EnvState: Directory.Exists(Path.Combine(prefix, ".m1env")))
            : new PrefixFacts(false, true, false, false);
}
