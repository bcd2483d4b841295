namespace M1Env.Testing;

/// <summary>Finds a CPython 3.11 with venv and ensurepip to run tests with. Starts no process.</summary>
public static class PythonFinder
{
    // Debian's interpreter is a plain file with venv and ensurepip; a pyenv shim on PATH is a
    // script whose answer depends on the working folder, so it comes last.
    private const string PreferredPython = "/usr/bin/python3.11";

    private static readonly string[] PathCandidates = ["python3.11", "python3"];

    /// <exception cref="InvalidOperationException">No candidate exists on this machine.</exception>
    public static string Find()
    {
        if (File.Exists(PreferredPython))
        {
            return PreferredPython;
        }

        foreach (var candidate in PathCandidates)
        {
            if (FindOnPath(candidate) is { } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException(
            $"No Python 3.11 for the tests: neither {PreferredPython} nor {string.Join(" nor ", PathCandidates)} on PATH exists. " +
            "Install CPython 3.11 with the venv module (Debian: apt-get install python3.11-venv).");
    }

    /// <summary>The full path of the first file named <paramref name="fileName"/> (or with .exe on Windows) on PATH.</summary>
    public static string? FindOnPath(string fileName)
    {
        var names = OperatingSystem.IsWindows() ? new[] { fileName + ".exe", fileName } : [fileName];
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return folders
            .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
            .Where(File.Exists)
            .Select(Path.GetFullPath)
            .FirstOrDefault();
    }
}
