using System.Text.RegularExpressions;

namespace M1Env.Core.Packaging;

/// <summary>Names as Python packaging defines them (PEP 508 names, PEP 503 normalisation).</summary>
public static partial class PackageNames
{
    [GeneratedRegex(@"^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex DistributionName();

    [GeneratedRegex(@"^(?<name>[^\[\]]+)(\[(?<extras>[^\[\]]*)\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NameWithExtras();

    [GeneratedRegex(@"[-_.]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    public static bool IsValidDistributionName(string name) => DistributionName().IsMatch(name);

    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    /// <summary>Splits <c>jax[cpu,cuda]</c> into its name and extras; false when malformed.</summary>
    public static bool TrySplitExtras(string text, out string name, out IReadOnlyList<string> extras)
    {
        name = string.Empty;
        extras = [];
        var match = NameWithExtras().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        name = match.Groups["name"].Value.Trim();
        if (!IsValidDistributionName(name))
        {
            return false;
        }

        if (match.Groups["extras"].Success)
        {
            var parts = match.Groups["extras"].Value
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts.Any(part => !IsValidDistributionName(part)))
            {
                return false;
            }

            extras = parts.Select(Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        }

        return true;
    }
}
