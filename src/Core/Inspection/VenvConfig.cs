namespace M1Env.Core.Inspection;

/// <summary>A venv's <c>pyvenv.cfg</c>: <c>key = value</c> lines, keys compared without case, unknown keys ignored.</summary>
/// <param name="Home">The folder of the interpreter the venv was made from.</param>
/// <param name="Executable">That interpreter (written by Python 3.11 and later).</param>
/// <param name="Command">The command that made the venv (Python 3.11 and later).</param>
public sealed record VenvConfig(string? Home, string? Version, string? Executable, string? Command, bool IncludeSystemSitePackages)
{
    /// <summary>
    /// Where the venv was created: the last argument of <see cref="Command"/>, which venv writes as
    /// <c>&lt;python&gt; -m venv [options] &lt;absolute path&gt;</c>. The path is absolute and last, so it is
    /// the text from the last " /" (or " X:\" on Windows) on; null when there is no command.
    /// </summary>
    public string? CreatedAt
    {
        get
        {
            if (Command is null)
            {
                return null;
            }

            var posix = Command.LastIndexOf(" /", StringComparison.Ordinal);
            var windows = LastWindowsPathStart(Command);
            var start = Math.Max(posix, windows);
            return start < 0 ? null : Command[(start + 1)..].Trim();
        }
    }

    public static VenvConfig? Read(string prefix)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(prefix, "pyvenv.cfg"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                values.TryAdd(line[..separator].Trim(), line[(separator + 1)..].Trim());
            }
        }

        return new VenvConfig(
            values.GetValueOrDefault("home"),
            values.GetValueOrDefault("version") ?? values.GetValueOrDefault("version_info"),
            values.GetValueOrDefault("executable"),
            values.GetValueOrDefault("command"),
            string.Equals(values.GetValueOrDefault("include-system-site-packages"), "true", StringComparison.OrdinalIgnoreCase));
    }

    private static int LastWindowsPathStart(string command)
    {
        for (var i = command.Length - 4; i >= 0; i--)
        {
            if (command[i] == ' ' && char.IsAsciiLetter(command[i + 1]) && command[i + 2] == ':' && command[i + 3] is '\\' or '/')
            {
                return i;
            }
        }

        return -1;
    }
}
