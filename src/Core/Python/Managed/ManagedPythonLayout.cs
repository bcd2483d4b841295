using System.Globalization;
using System.Text.RegularExpressions;

namespace M1Env.Core.Python.Managed;

/// <summary>
/// Where managed builds lie: <c>&lt;tools&gt;/python/&lt;version&gt;-&lt;platform&gt;/</c> for a pinned build,
/// <c>&lt;version&gt;-&lt;platform&gt;-&lt;first 12 digits of its SHA-256&gt;</c> for one named by M1EnvPythonArchive.
/// A folder is given its name by a rename once it is whole, so a folder with such a name is a whole
/// build; what an install leaves while it works starts with a dot. Reading the layout starts no process.
/// </summary>
public static partial class ManagedPythonLayout
{
    private const int HashPrefixLength = 12;

    /// <summary>The folder of every managed build.</summary>
    public static string Root(string toolsDirectory) => Path.Combine(toolsDirectory, "python");

    public static string FolderName(Version version, string platform, string? archiveSha256 = null) =>
        archiveSha256 is null
            ? string.Create(CultureInfo.InvariantCulture, $"{version}-{platform}")
            : string.Create(CultureInfo.InvariantCulture, $"{version}-{platform}-{archiveSha256[..HashPrefixLength].ToLowerInvariant()}");

    public static string Executable(string home, string platform) =>
        IsWindows(platform) ? Path.Combine(home, "python.exe") : Path.Combine(home, "bin", "python3");

    public static string Library(string home, string platform, Version version) =>
        IsWindows(platform) ? Path.Combine(home, string.Create(CultureInfo.InvariantCulture, $"python{version.Major}{version.Minor}.dll"))
        : platform.StartsWith("osx-", StringComparison.Ordinal) ? Path.Combine(home, "lib", string.Create(CultureInfo.InvariantCulture, $"libpython{version.Major}.{version.Minor}.dylib"))
        : Path.Combine(home, "lib", string.Create(CultureInfo.InvariantCulture, $"libpython{version.Major}.{version.Minor}.so.1.0"));

    /// <summary>The whole builds in <paramref name="toolsDirectory"/>, newest first, with the archive hash prefix a named one carries.</summary>
    public static IReadOnlyList<(ManagedPython Python, string? HashPrefix)> Installed(string toolsDirectory)
    {
        var root = Root(toolsDirectory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var found = new List<(ManagedPython, string?)>();
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var match = FolderPattern().Match(Path.GetFileName(folder));
            if (match.Success && Version.TryParse(match.Groups["version"].Value, out var version))
            {
                var python = new ManagedPython(folder, version, match.Groups["platform"].Value);
                if (File.Exists(python.Executable))
                {
                    found.Add((python, match.Groups["hash"].Success ? match.Groups["hash"].Value : null));
                }
            }
        }

        return found.OrderByDescending(f => f.Item1.Version).ThenBy(f => f.Item2 is null ? 0 : 1).ToArray();
    }

    /// <summary>Whether <paramref name="executable"/> lies in a managed build of <paramref name="toolsDirectory"/>.</summary>
    public static bool Contains(string toolsDirectory, string executable)
    {
        var root = Path.GetFullPath(Root(toolsDirectory)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(executable).StartsWith(root, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsWindows(string platform) => platform.StartsWith("win-", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<version>\d+\.\d+\.\d+)-(?<platform>[a-z]+-[a-z0-9]+)(-(?<hash>[0-9a-f]{12}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FolderPattern();
}
