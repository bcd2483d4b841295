using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Spec;

/// <summary>
/// Validates the names and versions of <c>CondaPackage</c> items and the env's <c>Channels</c>.
/// A bare version means exactly that version (<c>1.26.4</c> becomes <c>==1.26.4</c>), as it does for pip:
/// conda's own <c>=1.26.4</c> would also take 1.26.4.1.
/// </summary>
public static partial class CondaSpecTranslator
{
    [GeneratedRegex(@"^[a-z0-9_][a-z0-9_.+-]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PackageName();

    // A version starts with a digit (or an epoch, or is just '*'); "latest" is no version.
    [GeneratedRegex(@"^(\*|(\d+!)?\d[0-9A-Za-z_.*+]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex BareVersion();

    [GeneratedRegex(@"^(==|!=|>=|<=|>|<|=|~=)?(\*|(\d+!)?\d[0-9A-Za-z_.*+]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Constraint();

    [GeneratedRegex(@"^[0-9A-Za-z_.*+]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildString();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelName();

    private static string InputQuoteOf(string text) => InputQuote.Shorten(text.Trim());

    public static bool IsValidName(string name) => PackageName().IsMatch(name);

    /// <summary>The version spec conda is given (empty for any version), or false with a reason.</summary>
    public static bool TryTranslateVersion(string? version, out string spec, out string error)
    {
        spec = string.Empty;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(version))
        {
            return true;
        }

        var parts = version.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && BareVersion().IsMatch(parts[0]) && BuildString().IsMatch(parts[1]))
        {
            // conda's "name version build" form: the version there is matched exactly (or as its pattern).
            spec = $"{parts[0]} {parts[1]}";
            return true;
        }

        var clauses = parts.Length == 1 ? parts[0].Split('|').SelectMany(alternative => alternative.Split(',')).ToArray() : [];
        if (clauses.Length == 0 || clauses.Any(clause => !Constraint().IsMatch(clause)))
        {
            error = $"'{InputQuoteOf(version)}' is not a conda version spec: use a version (1.26.4), a pattern (1.26.*), constraints (>=1.26,<2) or a version and a build (1.26.4 py311*).";
            return false;
        }

        spec = BareVersion().IsMatch(parts[0]) && !parts[0].Contains('*', StringComparison.Ordinal) ? "==" + parts[0] : parts[0];
        return true;
    }

    /// <summary>True for a channel name (<c>conda-forge</c>, <c>pytorch/label/nightly</c>) or an absolute http(s) or file URL.</summary>
    public static bool IsValidChannel(string channel) =>
        ChannelName().IsMatch(channel)
        || (Uri.TryCreate(channel, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file");
}
