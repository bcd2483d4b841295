using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// The pip wheel a CPython ships for <c>ensurepip</c>, found from files alone: in its standard
/// library (<c>lib/pythonX.Y/ensurepip/_bundled</c>, <c>Lib\ensurepip\_bundled</c> on Windows) or
/// where Debian and Ubuntu keep it (<c>/usr/share/python-wheels</c>). Python runs pip straight from
/// that file (<c>python pip-X.whl/pip install ...</c>), so a venv can be made without pip and given
/// pip by the same run that installs its packages.
/// </summary>
public static partial class BundledPip
{
    /// <summary>pip that installs itself from its wheel into a venv it runs in; older ones are passed over.</summary>
    private static readonly Version Oldest = new(22, 3);

    [GeneratedRegex(@"^pip-(?<version>\d+(\.\d+){1,2})-py3-none-any\.whl$", RegexOptions.CultureInvariant)]
    private static partial Regex WheelName();

    /// <summary>The newest usable pip wheel of the interpreter, or null (then the venv gets pip from ensurepip, as before).</summary>
    /// <param name="executable">The base interpreter's file (links are followed to its installation).</param>
    /// <param name="version">Its version, for the <c>lib/pythonX.Y</c> folder.</param>
    public static string? Find(string executable, Version version)
    {
        var real = PathIdentity.RealPath(executable);
        var bin = Path.GetDirectoryName(real);
        var home = bin is null ? null : Path.GetDirectoryName(bin);
        var folders = new List<string>();
        if (home is not null)
        {
            folders.Add(Path.Combine(home, "lib", $"python{version.Major}.{version.Minor}", "ensurepip", "_bundled"));
        }

        if (bin is not null)
        {
            folders.Add(Path.Combine(bin, "Lib", "ensurepip", "_bundled"));
        }

        if (real.StartsWith("/usr/", StringComparison.Ordinal))
        {
            // Debian's and Ubuntu's own Pythons keep the wheel outside the standard library.
            folders.Add("/usr/share/python-wheels");
        }

        return folders
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "pip-*.whl"))
            .Select(file => (File: file, Match: WheelName().Match(Path.GetFileName(file))))
            .Where(candidate => candidate.Match.Success)
            .Select(candidate => (candidate.File, Version: Version.Parse(candidate.Match.Groups["version"].Value)))
            .Where(candidate => candidate.Version >= Oldest)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.File)
            .FirstOrDefault();
    }
}
