namespace M1Env.Core.Inspection;

/// <summary>
/// Reads what a venv really holds from its files: pyvenv.cfg, site-packages' <c>*.dist-info</c>
/// folders and pip's leftovers. Starts no process and never throws for a damaged env: what cannot
/// be read is reported as missing, and the planner repairs it.
/// </summary>
/// <remarks>
/// Legacy <c>*.egg-info</c> folders (from <c>setup.py develop</c>) are not read: pip installs every
/// wheel as dist-info, and M1Env installs only through pip.
/// </remarks>
public static class EnvReader
{
    /// <param name="verifyFiles">Check that every file each RECORD lists exists: one stat per file.</param>
    /// <param name="pythonVersion">The env's Python version when the prefix has no pyvenv.cfg to say it (a conda env).</param>
    /// <param name="windowsPython">The env's interpreter on Windows, when it is not a venv's Scripts\python.exe.</param>
    public static InstalledEnv Read(string prefix, bool verifyFiles, string? pythonVersion = null, string? windowsPython = null)
    {
        var config = VenvConfig.Read(prefix);
        var version = config?.Version ?? pythonVersion;
        var sitePackages = FindSitePackages(prefix, version);
        var bin = Path.Combine(prefix, OperatingSystem.IsWindows() ? "Scripts" : "bin");
        return new InstalledEnv(
            prefix,
            config,
            sitePackages,
            Directory.Exists(bin) ? bin : null,
            InterpretersResolve(prefix, version, windowsPython),
            sitePackages is null ? [] : ReadDistributions(sitePackages, verifyFiles),
            sitePackages is null ? [] : Entries(sitePackages, "~*"))
        {
            PythonVersion = version,
        };
    }

    /// <summary>The prefix's site-packages folder, from pyvenv.cfg and a directory check or two, without reading what it holds; null when there is none.</summary>
    public static string? SitePackagesOf(string prefix) => FindSitePackages(prefix, VenvConfig.Read(prefix)?.Version);

    private static string? FindSitePackages(string prefix, string? version)
    {
        if (OperatingSystem.IsWindows())
        {
            var windows = Path.Combine(prefix, "Lib", "site-packages");
            return Directory.Exists(windows) ? windows : null;
        }

        // The env's version names the folder; without it, the one lib/python3.* folder there is.
        var parts = version?.Split('.');
        if (parts is { Length: >= 2 })
        {
            var named = Path.Combine(prefix, "lib", $"python{parts[0]}.{parts[1]}", "site-packages");
            if (Directory.Exists(named))
            {
                return named;
            }
        }

        var lib = Path.Combine(prefix, "lib");
        var found = Directory.Exists(lib)
            ? Entries(lib, "python3*").Select(p => Path.Combine(p, "site-packages")).Where(Directory.Exists).ToArray()
            : [];
        return found.Length == 1 ? found[0] : null;
    }

    private static InstalledDistribution[] ReadDistributions(string sitePackages, bool verifyFiles) =>
        Entries(sitePackages, "*.dist-info")
            .Where(p => !Path.GetFileName(p).StartsWith('~'))
            .Select(p => DistInfoReader.Read(p, sitePackages, verifyFiles))
            .OfType<InstalledDistribution>()
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ThenBy(d => d.Version, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The env's interpreter under each name a venv gives it (python, python3, python3.X), each
    /// existing and, when it is a link, with its final target there: deleting any of them, or the
    /// base interpreter they point to, breaks the env for someone.
    /// </summary>
    private static bool InterpretersResolve(string prefix, string? version, string? windowsPython)
    {
        if (OperatingSystem.IsWindows())
        {
            return Resolves(windowsPython ?? VenvLayout.PythonPath(prefix));
        }

        var bin = Path.Combine(prefix, "bin");
        var parts = version?.Split('.');
        string[] names = parts is { Length: >= 2 } ? ["python", $"python{parts[0]}", $"python{parts[0]}.{parts[1]}"] : ["python"];
        return names.All(name => Resolves(Path.Combine(bin, name)));
    }

    private static bool Resolves(string path)
    {
        try
        {
            var file = new FileInfo(path);
            return file.LinkTarget is null ? file.Exists : file.ResolveLinkTarget(returnFinalTarget: true)?.Exists == true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string[] Entries(string folder, string pattern)
    {
        try
        {
            return Directory.GetFileSystemEntries(folder, pattern);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
