using M1Env.Core.Venv;

namespace M1Env.Core.Planning;

/// <summary>What is on disk at a prefix, read without starting any process.</summary>
/// <param name="Exists">The folder exists.</param>
/// <param name="IsEmpty">The folder has no entries (or does not exist).</param>
/// <param name="IsVenv">It holds pyvenv.cfg and an interpreter.</param>
/// <param name="HasM1EnvState">M1Env has worked on it before (its .m1env folder is there).</param>
/// <param name="VenvHome">pyvenv.cfg's <c>home</c>: the folder of the interpreter the venv was made from.</param>
/// <param name="VenvVersion">pyvenv.cfg's <c>version</c>.</param>
public sealed record PrefixFacts(bool Exists, bool IsEmpty, bool IsVenv, bool HasM1EnvState, string? VenvHome, string? VenvVersion)
{
    public static PrefixFacts Inspect(string prefix)
    {
        if (!Directory.Exists(prefix))
        {
            return new PrefixFacts(false, true, false, false, null, null);
        }

        var isEmpty = !Directory.EnumerateFileSystemEntries(prefix).Any();
        var hasState = Directory.Exists(Path.Combine(prefix, ".m1env"));
        if (!VenvLayout.LooksLikeVenv(prefix))
        {
            return new PrefixFacts(true, isEmpty, false, hasState, null, null);
        }

        string? home = null;
        string? version = null;
        foreach (var line in File.ReadLines(VenvLayout.ConfigPath(prefix)))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var key = line[..separator].Trim();
            var value = line[(separator + 1)..].Trim();
            if (key == "home")
            {
                home = value;
            }
            else if (key is "version" or "version_info" && version is null)
            {
                version = value;
            }
        }

        return new PrefixFacts(true, isEmpty, true, hasState, home, version);
    }
}
