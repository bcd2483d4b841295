using System.Globalization;
using System.Text.RegularExpressions;

namespace M1Env.Core.Packaging;

/// <summary>The <c>major.minor</c> of a Python version and the pip options that name it.</summary>
internal static partial class PythonTargetVersion
{
    [GeneratedRegex(@"^\s*(?<major>\d+)\.(?<minor>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex MajorMinorPrefix();

    /// <summary><c>3.11.7</c> and <c>3.11</c> give <c>3.11</c>.</summary>
    /// <exception cref="ArgumentException">The text does not start with <c>major.minor</c>.</exception>
    public static string MajorMinor(string version)
    {
        var match = MajorMinorPrefix().Match(version);
        if (!match.Success)
        {
            throw new ArgumentException($"'{version}' is not a Python version such as 3.11.", nameof(version));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture)}.{int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture)}");
    }

    /// <summary>CPython's ABI tag: <c>3.11</c> gives <c>cp311</c>.</summary>
    public static string CPythonAbi(string version) => "cp" + MajorMinor(version).Replace(".", string.Empty, StringComparison.Ordinal);
}
