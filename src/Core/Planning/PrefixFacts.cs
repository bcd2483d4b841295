using M1Env.Core.Venv;

namespace M1Env.Core.Planning;

/// <summary>What a prefix is, read from a few entries without starting any process.</summary>
/// <param name="Exists">The folder exists.</param>
/// <param name="IsEmpty">The folder has no entries (or does not exist).</param>
/// <param name="IsVenv">It holds pyvenv.cfg and an interpreter.</param>
/// <param name="HasM1EnvState">M1Env has worked on it before (its .m1env folder is there).</param>
public sealed record PrefixFacts(bool Exists, bool IsEmpty, bool IsVenv, bool HasM1EnvState)
{
    public static PrefixFacts Inspect(string prefix) =>
        Directory.Exists(prefix)
            ? new PrefixFacts(
                Exists: true,
                IsEmpty: !Directory.EnumerateFileSystemEntries(prefix).Any(),
                IsVenv: VenvLayout.LooksLikeVenv(prefix),
                HasM1EnvState: Directory.Exists(Path.Combine(prefix, ".m1env")))
            : new PrefixFacts(false, true, false, false);
}
