namespace M1Env.Testing;

/// <summary>
/// A CPython install whose <c>sys.prefix</c> follows its executable (a pyenv build, say), so a copy of its files is a
/// working python elsewhere: the source of <see cref="CondaPythonPackages"/>.
/// </summary>
/// <param name="Prefix">The install's folder (holding bin/ and lib/).</param>
/// <param name="Version">The full version, e.g. <c>3.11.7</c>.</param>
/// <param name="BuildPrefix">The prefix it was configured with, written in some of its files (sysconfig's <c>prefix</c>).</param>
public sealed record RelocatablePython(string Prefix, string Version, string BuildPrefix)
{
    /// <summary>Major.minor, e.g. <c>3.11</c>.</summary>
    public string ShortVersion => string.Join('.', Version.Split('.').Take(2));

    /// <summary>The versioned executable, e.g. <c>bin/python3.11</c>, relative to the prefix.</summary>
    public string ExecutablePath => $"bin/python{ShortVersion}";

    /// <summary><c>lib/python3.11</c>, relative to the prefix.</summary>
    public string StandardLibraryPath => $"lib/python{ShortVersion}";

    /// <summary>
    /// The newest pyenv install of <paramref name="shortVersion"/> (under <c>$PYENV_ROOT</c> or <c>~/.pyenv</c>); null when
    /// there is none. Starts no process.
    /// </summary>
    public static string? FindPyenvPrefix(string shortVersion = "3.11")
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var root = Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(root, "versions");
        if (!Directory.Exists(versions))
        {
            return null;
        }

        return Directory.EnumerateDirectories(versions, shortVersion + ".*")
            .Select(directory => (Directory: directory, Version: System.Version.TryParse(Path.GetFileName(directory), out var v) ? v : null))
            .Where(candidate => candidate.Version is not null
                && File.Exists(Path.Combine(candidate.Directory, "bin", "python" + shortVersion)))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Directory)
            .FirstOrDefault();
    }

    /// <summary>Asks the install's python its version and build prefix, and checks that its sys.prefix is where it lies.</summary>
    /// <exception cref="InvalidOperationException">It did not run, or it is not relocatable.</exception>
    public static async Task<RelocatablePython> ProbeAsync(string prefix)
    {
        prefix = Path.GetFullPath(prefix).TrimEnd('/');
        var executable = Path.Combine(prefix, "bin", "python3");
        var result = await ExternalCommand.RunAsync(
            executable,
            ["-I", "-c", "import sys, sysconfig; print('%d.%d.%d' % sys.version_info[:3]); print(sysconfig.get_config_var('prefix')); print(sys.prefix)"],
            environment: ExternalCommand.Without("PYTHON"),
            timeout: TimeSpan.FromMinutes(1));
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!result.Succeeded || lines.Length != 3)
        {
            throw new InvalidOperationException($"{executable} did not tell its version and prefixes: {result}");
        }

        if (lines[2] != prefix)
        {
            throw new InvalidOperationException($"{executable} has sys.prefix {lines[2]}, not {prefix}: it is not relocatable.");
        }

        return new RelocatablePython(prefix, lines[0], lines[1]);
    }
}
