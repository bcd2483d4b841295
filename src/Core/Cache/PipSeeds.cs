using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Packaging;

namespace M1Env.Core.Cache;

/// <summary>
/// An interpreter's bundled pip as installed into a venv, kept (<see cref="KeptInstalls"/>) once
/// per pip wheel and Python version. The first env made without pip gets pip from the wheel (a pip
/// run that byte-compiles all of pip, most of a fresh env's time); every later env gets the kept
/// install, in a fraction of that time.
/// </summary>
public sealed class PipSeeds(KeptInstalls kept)
{
    /// <summary>The kept install's folder for a wheel and a Python version (it may not exist yet).</summary>
    public string FolderFor(string wheel, Version python) => kept.FolderFor(KeyFor(wheel, python));

    /// <summary>Whether pip from <paramref name="wheel"/> is kept for this Python.</summary>
    public bool Has(string wheel, Version python) => kept.Has(KeyFor(wheel, python));

    /// <summary>Gives a venv made without pip the kept pip of <paramref name="wheel"/>; false when there is none, or it could not be linked whole.</summary>
    /// <param name="sitePackages">The env's site-packages folder.</param>
    /// <param name="envPython">The env's interpreter, written into the scripts.</param>
    public bool TryPlant(string wheel, Version python, string prefix, string sitePackages, string envPython) =>
        kept.TryPlant(KeyFor(wheel, python), prefix, sitePackages, envPython, new Dictionary<string, byte[]> { ["REQUESTED"] = [] });

    /// <summary>
    /// Keeps the pip the interpreter holds in its own site-packages, when it is exactly what
    /// <paramref name="wheel"/> installs (<see cref="InstalledFromWheel"/>, as ensurepip left it in a
    /// pyenv or python.org install): a machine's first env then gets pip without a pip run. False
    /// when it is not kept (another version, another installer such as a distribution's, changed
    /// files, or another layout).
    /// </summary>
    /// <param name="executable">The interpreter, which pip's launchers in its own bin folder name.</param>
    /// <param name="sitePackages">The interpreter's own site-packages.</param>
    public bool TryKeepFromInterpreter(string wheel, Version python, string executable, string sitePackages)
    {
        if (Has(wheel, python))
        {
            return true;
        }

        var layout = Path.Combine("lib", $"python{python.Major}.{python.Minor}", "site-packages");
        var folder = Path.TrimEndingDirectorySeparator(sitePackages);
        var distInfo = $"pip-{PipVersion(wheel)}.dist-info";
        if (!folder.EndsWith(Path.DirectorySeparatorChar + layout, StringComparison.Ordinal) || !InstalledFromWheel.Matches(wheel, folder, distInfo))
        {
            return false;
        }

        // pip's three scripts (pip, pip3, pip3.X) launch one entry point, and a venv's pip has all
        // three; ensurepip leaves pip out of an interpreter's own install. The missing are copies.
        var prefix = folder[..^(layout.Length + 1)];
        var names = new[] { "pip", $"pip{python.Major}", $"pip{python.Major}.{python.Minor}" }.Select(name => Path.Combine("bin", name)).ToArray();
        if (ScriptsLaunching(prefix, folder, distInfo, executable) is not { } scripts || names.FirstOrDefault(scripts.Contains) is not { } present)
        {
            return false;
        }

        kept.Keep(KeyFor(wheel, python), prefix, folder, distInfo, executable, names.ToDictionary(name => name, _ => present));
        return Has(wheel, python);
    }

    /// <summary>
    /// The distribution's scripts (relative to the prefix) when every one starts with the launcher for
    /// <paramref name="executable"/>; null when one does not (an install copied from elsewhere still
    /// names the interpreter it was made for) or RECORD cannot be read.
    /// </summary>
    private static HashSet<string>? ScriptsLaunching(string prefix, string sitePackages, string distInfo, string executable)
    {
        var launch = Encoding.UTF8.GetBytes(ConsoleScript.Launch(executable));
        try
        {
            var scripts = RecordFile.ReadPaths(Path.Combine(sitePackages, distInfo, "RECORD"))
                .Select(path => Path.GetRelativePath(prefix, Path.GetFullPath(Path.Combine(sitePackages, path))))
                .Where(path => path.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .ToHashSet(StringComparer.Ordinal);
            return scripts.All(script => File.ReadAllBytes(Path.Combine(prefix, script)).AsSpan().StartsWith(launch)) ? scripts : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps the pip just installed into an env from <paramref name="wheel"/>, for the next env.</summary>
    public void Keep(string wheel, Version python, string prefix, string sitePackages, string envPython) =>
        kept.Keep(KeyFor(wheel, python), prefix, sitePackages, $"pip-{PipVersion(wheel)}.dist-info", envPython);

    /// <summary>
    /// <c>pip/NAME-pyX.Y-ID</c>: by the wheel's name and contents (the start of its SHA-256), as a
    /// rebuilt interpreter may ship another wheel of the same name. Never by its path: a managed
    /// CPython restored with the tools folder at another path (a CI cache) ships the same wheel.
    /// </summary>
    public static string KeyFor(string wheel, Version python)
    {
        var identity = WheelDigests.GetOrAdd((PathIdentity.RealPath(wheel), FileFingerprint.Of(wheel)), key => Sha256Of(key.Path));
        return Path.Combine("pip", $"{Path.GetFileNameWithoutExtension(wheel)}-py{python.Major}.{python.Minor}-{identity}");
    }

    /// <summary>The wheels' digests this process read, by their file as it was: a build asks for one several times.</summary>
    private static readonly ConcurrentDictionary<(string Path, FileFingerprint? Fingerprint), string> WheelDigests = new();

    /// <remarks>A wheel that cannot be read is named by its path: nothing is kept from it, as pip cannot install it either.</remarks>
    private static string Sha256Of(string wheel)
    {
        try
        {
            using var stream = File.OpenRead(wheel);
            return Convert.ToHexString(SHA256.HashData(stream), 0, 4).ToLowerInvariant();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(wheel)), 0, 4).ToLowerInvariant();
        }
    }

    /// <summary>The version in a wheel's name (<c>pip-23.2.1-py3-none-any.whl</c>).</summary>
    private static string PipVersion(string wheel) => Path.GetFileNameWithoutExtension(wheel).Split('-')[1];
}
