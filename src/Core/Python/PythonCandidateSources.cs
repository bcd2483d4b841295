using System.Globalization;
using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Machine;

namespace M1Env.Core.Python;

/// <summary>
/// Lists the places a CPython may be installed, in the order they are tried: PATH, pyenv, the
/// system and Homebrew folders, the python.org framework on macOS and the python.org installs on
/// Windows. Listing never starts a process.
/// </summary>
public sealed partial class PythonCandidateSources(IReadOnlyDictionary<string, string?> environment)
{
    public static PythonCandidateSources ForCurrentProcess() =>
        new(Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal));

    [GeneratedRegex(@"^python(?<v>3(\.\d+)?)?(\.exe)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InterpreterFileName();

    [GeneratedRegex(@"(?<!\d)(?<major>3)\.?(?<minor>\d{1,2})(\.(?<micro>\d+))?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionInPath();

    public PythonSearch Enumerate()
    {
        var found = new Found();
        foreach (var (directory, source, hint) in PathPlaces().Concat(PyenvPlaces()).Concat(OperatingSystem.IsWindows() ? WindowsPlaces() : UnixPlaces()))
        {
            found.AddDirectory(directory, source, hint);
        }

        return found.ToSearch();
    }

    /// <summary>PATH's folders; where pyenv's shims are, the versions pyenv selects instead.</summary>
    private IEnumerable<(string Directory, string Source, Version? Hint)> PathPlaces()
    {
        foreach (var directory in (Get("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // pyenv's shims stand for the versions pyenv selects: those come where the shims are on PATH.
            if (IsPyenvShims(directory))
            {
                foreach (var (selected, why) in PyenvSelectedVersions())
                {
                    yield return (selected, $"PATH, pyenv's {why}", HintFromPath(Path.GetFileName(Path.GetDirectoryName(selected) ?? string.Empty)));
                }
            }

            yield return (directory, "PATH", null);
        }
    }

    private IEnumerable<(string Directory, string Source, Version? Hint)> PyenvPlaces() =>
        PyenvVersionDirectories().Select(v => (v.Directory, "pyenv", v.Hint));

    private IEnumerable<(string Directory, string Source, Version? Hint)> WindowsPlaces() =>
        WindowsInstallDirectories().Select(v => (v.Directory, "python.org", v.Hint));

    /// <summary>The Command Line Tools on macOS, the system and Homebrew folders, and the python.org framework.</summary>
    private IEnumerable<(string Directory, string Source, Version? Hint)> UnixPlaces()
    {
        if (OperatingSystem.IsMacOS())
        {
            yield return ("/Library/Developer/CommandLineTools/usr/bin", "Command Line Tools", null);
        }

        foreach (var directory in new[] { "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/opt/local/bin" })
        {
            yield return (directory, "system", null);
        }

        foreach (var (directory, hint) in HomebrewAndFrameworkDirectories())
        {
            yield return (directory, directory.Contains("Python.framework", StringComparison.Ordinal) ? "python.org" : "Homebrew", hint);
        }
    }

    private string? Get(string name) =>
        environment.TryGetValue(name, out var value) ? value
        : OperatingSystem.IsWindows() ? environment.FirstOrDefault(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)).Value
        : null;

    private string Home => Get("HOME") ?? Get("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private string PyenvRoot
    {
        get
        {
            var root = Get("PYENV_ROOT");
            return string.IsNullOrWhiteSpace(root)
                ? OperatingSystem.IsWindows() ? Path.Combine(Home, ".pyenv", "pyenv-win") : Path.Combine(Home, ".pyenv")
                : root;
        }
    }

    private bool IsPyenvShims(string directory) =>
        PathIdentity.AreEqual(Path.TrimEndingDirectorySeparator(directory), Path.Combine(PyenvRoot, "shims"));

    /// <summary>
    /// The versions pyenv's shims run, in pyenv's own order: <c>PYENV_VERSION</c>, else the nearest
    /// <c>.python-version</c> from the current folder up, else <c>$PYENV_ROOT/version</c>.
    /// </summary>
    private IEnumerable<(string Directory, string Why)> PyenvSelectedVersions()
    {
        var (names, why) = Get("PYENV_VERSION") is { Length: > 0 } variable
            ? (variable, "PYENV_VERSION")
            : FindVersionFile() is { } file ? (ReadFirstLine(file), file) : (ReadFirstLine(Path.Combine(PyenvRoot, "version")), "global version");
        return (names ?? string.Empty)
            .Split([':', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(name => name != "system")
            .Select(name => (OperatingSystem.IsWindows() ? Path.Combine(PyenvRoot, "versions", name) : Path.Combine(PyenvRoot, "versions", name, "bin"), $"selected {name} ({why})"))
            .ToArray();
    }

    private static string? FindVersionFile()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, ".python-version");
            if (File.Exists(file))
            {
                return file;
            }
        }

        return null;
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault(line => line.Trim().Length > 0) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private IEnumerable<(string Directory, Version? Hint)> PyenvVersionDirectories()
    {
        var versions = Path.Combine(PyenvRoot, "versions");
        if (!Directory.Exists(versions))
        {
            return [];
        }

        return Directory.EnumerateDirectories(versions)
            .Select(dir => (Dir: dir, Hint: ParseHint(Path.GetFileName(dir))))
            .OrderByDescending(v => v.Hint)
            .Select(v => (OperatingSystem.IsWindows() ? v.Dir : Path.Combine(v.Dir, "bin"), v.Hint))
            .ToArray();
    }

    private IEnumerable<(string Directory, Version? Hint)> HomebrewAndFrameworkDirectories()
    {
        foreach (var optRoot in new[] { "/opt/homebrew/opt", "/usr/local/opt" })
        {
            foreach (var dir in SafeDirectories(optRoot, "python@3*"))
            {
                yield return (Path.Combine(dir, "bin"), HintFromPath(Path.GetFileName(dir)));
            }
        }

        foreach (var dir in SafeDirectories("/Library/Frameworks/Python.framework/Versions", "3*"))
        {
            yield return (Path.Combine(dir, "bin"), HintFromPath(Path.GetFileName(dir)));
        }
    }

    private IEnumerable<(string Directory, Version? Hint)> WindowsInstallDirectories()
    {
        var roots = new[]
        {
            Path.Combine(Get("LOCALAPPDATA") ?? string.Empty, "Programs", "Python"),
            Get("ProgramFiles") ?? string.Empty,
            Get("ProgramFiles(x86)") ?? string.Empty,
        };
        foreach (var root in roots.Where(r => r.Length > 0))
        {
            foreach (var dir in SafeDirectories(root, "Python3*"))
            {
                yield return (dir, HintFromPath(Path.GetFileName(dir)));
            }
        }
    }

    private static IEnumerable<string> SafeDirectories(string root, string pattern)
    {
        try
        {
            return Directory.Exists(root)
                ? Directory.EnumerateDirectories(root, pattern).OrderDescending(StringComparer.Ordinal).ToArray()
                : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsMacOSInstallStub(string file) =>
        OperatingSystem.IsMacOS() && file.StartsWith("/usr/bin/", StringComparison.Ordinal) && !HostPlatform.MacOSSystemPythonIsReal;

    // pyenv and pyenv-win shims pick a version from .python-version files at run time; the real
    // interpreters behind them are enumerated from the versions folder instead.
    private static bool IsShimDirectory(string directory) =>
        directory.Replace('\\', '/').Contains("/shims", StringComparison.OrdinalIgnoreCase)
        || directory.Contains("WindowsApps", StringComparison.OrdinalIgnoreCase);

    internal static Version? ParseHint(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split('.');
        if (parts.Length is < 1 or > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return numbers.Length switch
        {
            1 => null, // "python3" says nothing the request does not already require
            2 => new Version(numbers[0], numbers[1]),
            _ => new Version(numbers[0], numbers[1], numbers[2]),
        };
    }

    internal static Version? HintFromPath(string name)
    {
        var match = VersionInPath().Match(name);
        if (!match.Success)
        {
            return null;
        }

        var major = int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture);
        var minor = int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture);
        return match.Groups["micro"].Success
            ? new Version(major, minor, int.Parse(match.Groups["micro"].Value, CultureInfo.InvariantCulture))
            : new Version(major, minor);
    }

    /// <summary>The interpreters found so far, each once, and every folder searched, in the order searched.</summary>
    private sealed class Found
    {
        private readonly List<string> searched = [];
        private readonly List<PythonCandidate> candidates = [];
        private readonly HashSet<string> seen = new(PathIdentity.Comparer);
        private readonly HashSet<string> searchedOnce = new(PathIdentity.Comparer);

        public void AddDirectory(string directory, string source, Version? folderHint)
        {
            if (string.IsNullOrWhiteSpace(directory) || IsShimDirectory(directory) || !searchedOnce.Add(directory))
            {
                return;
            }

            searched.Add(directory);
            if (!Directory.Exists(directory))
            {
                return;
            }

            IEnumerable<string> files;
            try
            {
                files = Directory.EnumerateFiles(directory, "python*").ToArray();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return;
            }

            // python3.11 before python3 before python: the most specific name is the cheapest to judge.
            foreach (var file in files.OrderByDescending(f => Path.GetFileName(f).Length).ThenBy(f => f, StringComparer.Ordinal))
            {
                var match = InterpreterFileName().Match(Path.GetFileName(file));
                if (!match.Success || IsMacOSInstallStub(file) || !seen.Add(file))
                {
                    continue;
                }

                candidates.Add(new PythonCandidate(file, ParseHint(match.Groups["v"].Value) ?? folderHint, source));
            }
        }

        public PythonSearch ToSearch() => new(candidates, searched.Distinct().ToArray());
    }
}
