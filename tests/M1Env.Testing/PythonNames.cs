using System.Text.RegularExpressions;

namespace M1Env.Testing;

/// <summary>Python packaging name rules: PEP 508 names, PEP 503 normalisation, PEP 427 escaping.</summary>
public static partial class PythonNames
{
    [GeneratedRegex(@"^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex DistributionName();

    [GeneratedRegex(@"[-_.]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    public static bool IsValidDistributionName(string name) => DistributionName().IsMatch(name);

    /// <summary><c>re.sub(r"[-_.]+", "-", name).lower()</c>: the name a simple index files a project under.</summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    /// <summary>The name as it appears in a wheel file name, its dist-info folder and its top-level module.</summary>
    public static string EscapeForWheel(string name) => Separators().Replace(name, "_").ToLowerInvariant();

    public static string EscapeVersionForWheel(string version) => version.Replace('-', '_');

    /// <summary>Reads <c>name-version.tar.gz</c>, the sdist file name of PEP 625 (the name escaped as in a wheel).</summary>
    public static bool TryParseSdistFileName(string fileName, out string name, out string version)
    {
        name = string.Empty;
        version = string.Empty;
        if (!fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var stem = fileName[..^".tar.gz".Length];
        var dash = stem.LastIndexOf('-');
        if (dash <= 0 || dash == stem.Length - 1)
        {
            return false;
        }

        name = stem[..dash];
        version = stem[(dash + 1)..];
        return true;
    }

    /// <summary>Reads the distribution part of <c>name-version(-build)?-python-abi-platform.whl</c>.</summary>
    public static bool TryParseWheelFileName(string fileName, out string name, out string version)
    {
        name = string.Empty;
        version = string.Empty;
        if (!fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parts = fileName[..^".whl".Length].Split('-');
        if (parts.Length is not (5 or 6) || parts.Any(string.IsNullOrEmpty))
        {
            return false;
        }

        name = parts[0];
        version = parts[1];
        return true;
    }
}
