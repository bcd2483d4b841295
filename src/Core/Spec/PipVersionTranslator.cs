using System.Text;
using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;
using NuGet.Versioning;

namespace M1Env.Core.Spec;

/// <summary>
/// Turns the <c>Version</c> metadata of a <c>PipPackage</c> into a PEP 440 specifier:
/// a specifier passes through, a bare version means <c>==</c>, a NuGet range such as
/// <c>[2.16,2.17)</c> is translated with NuGet.Versioning.
/// </summary>
public static partial class PipVersionTranslator
{
    private const string VersionPattern =
        @"v?(\d+!)?\d+(\.\d+)*((a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?((-\d+)|([-_.]?(post|rev|r)[-_.]?\d*))?([-_.]?dev[-_.]?\d*)?(\+[a-z0-9]+([-_.][a-z0-9]+)*)?";

    [GeneratedRegex("^" + VersionPattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareVersion();

    [GeneratedRegex(@"^(?<op>~=|===|==|!=|<=|>=|<|>)\s*(?<version>" + VersionPattern + @"(\.\*)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Clause();

    /// <summary>Returns the PEP 440 specifier (empty for "any version"), or false with a reason.</summary>
    public static bool TryTranslate(string? version, out string specifier, out string error)
    {
        specifier = string.Empty;
        error = string.Empty;
        var text = version?.Trim() ?? string.Empty;
        if (text.Length == 0 || text == "*")
        {
            return true;
        }

        if (text[0] is '[' or '(')
        {
            return TryTranslateNuGetRange(text, out specifier, out error);
        }

        if (BareVersion().IsMatch(text))
        {
            specifier = "==" + text;
            return true;
        }

        var clauses = new List<string>();
        foreach (var raw in text.Split(','))
        {
            var match = Clause().Match(raw.Trim());
            if (!match.Success)
            {
                error = $"'{InputQuote.Shorten(text)}' is neither a version (2.16.1), a PEP 440 specifier (>=2.16,<2.17) nor a NuGet range ([2.16,2.17)).";
                return false;
            }

            var isWildcard = match.Groups["version"].Value.EndsWith(".*", StringComparison.Ordinal);
            var op = match.Groups["op"].Value;
            if (isWildcard && op is not ("==" or "!="))
            {
                error = $"'{InputQuote.Shorten(text)}': a wildcard version (.*) is only allowed with == or != (PEP 440).";
                return false;
            }

            clauses.Add(op + match.Groups["version"].Value);
        }

        specifier = string.Join(",", clauses);
        return true;
    }

    private static bool TryTranslateNuGetRange(string text, out string specifier, out string error)
    {
        specifier = string.Empty;
        error = string.Empty;
        if (!VersionRange.TryParse(text, allowFloating: false, out var range))
        {
            error = $"'{InputQuote.Shorten(text)}' is not a valid NuGet version range (e.g. [2.16,2.17) or [1.0]).";
            return false;
        }

        if (range.MinVersion?.IsPrerelease == true || range.MaxVersion?.IsPrerelease == true)
        {
            error = $"'{InputQuote.Shorten(text)}': NuGet pre-release labels have no PEP 440 equivalent; write a PEP 440 specifier such as >=2.0rc1.";
            return false;
        }

        if (range.HasLowerAndUpperBounds && range.IsMinInclusive && range.IsMaxInclusive && range.MinVersion == range.MaxVersion)
        {
            specifier = "==" + Original(range.MinVersion!);
            return true;
        }

        var builder = new StringBuilder();
        if (range.HasLowerBound)
        {
            builder.Append(range.IsMinInclusive ? ">=" : ">").Append(Original(range.MinVersion!));
        }

        if (range.HasUpperBound)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(range.IsMaxInclusive ? "<=" : "<").Append(Original(range.MaxVersion!));
        }

        specifier = builder.ToString();
        return true;
    }

    // Keep the digits the user wrote: NuGet would turn 2.16 into 2.16.0.
    private static string Original(NuGetVersion version) => version.OriginalVersion ?? version.ToNormalizedString();
}
