using System.Text.RegularExpressions;

namespace M1Env.Core.Packaging.Versions;

/// <summary>One PEP 440 version clause, such as <c>&gt;=2.16</c>, <c>~=2.16.1</c>, <c>==2.*</c> or <c>===foo</c>.</summary>
public sealed partial class Pep440Specifier
{
    [GeneratedRegex(@"^\s*(?<op>~=|===|==|!=|<=|>=|<|>)\s*(?<version>[^\s,;]+)\s*$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^v?([0-9]+!)?[0-9]+(\.[0-9]+)*\.\*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WildcardVersion();

    private readonly string text;

    private Pep440Specifier(string op, string text, Pep440Version? version, bool wildcard)
    {
        Operator = op;
        this.text = text;
        Version = version;
        IsWildcard = wildcard;
    }

    public string Operator { get; }

    /// <summary>The version the clause names (for <c>==1.2.*</c>: 1.2); null for <c>===</c>.</summary>
    public Pep440Version? Version { get; }

    public bool IsWildcard { get; }

    public static bool TryParse(string clause, out Pep440Specifier? specifier, out string error)
    {
        specifier = null;
        var match = Clause().Match(clause);
        if (!match.Success)
        {
            error = $"'{clause.Trim()}' is not a version clause (an operator ~= == != <= >= < > === and a version)";
            return false;
        }

        var (op, text) = (match.Groups["op"].Value, match.Groups["version"].Value);
        if (op == "===")
        {
            specifier = new Pep440Specifier(op, text, null, wildcard: false);
            error = string.Empty;
            return true;
        }

        var wildcard = text.EndsWith(".*", StringComparison.Ordinal);
        if (wildcard && !(op is "==" or "!=" && WildcardVersion().IsMatch(text)))
        {
            error = op is "==" or "!="
                ? $"'{clause.Trim()}': a wildcard may only follow release numbers (==2.*, !=1.4.*)"
                : $"'{clause.Trim()}': a wildcard version (.*) is only allowed with == or !=";
            return false;
        }

        if (!Pep440Version.TryParse(wildcard ? text[..^2] : text, out var version))
        {
            error = $"'{text}' in '{clause.Trim()}' is not a PEP 440 version";
            return false;
        }

        if (version.Local.Count > 0 && op is not ("==" or "!="))
        {
            error = $"'{clause.Trim()}': a local version label (+...) is only allowed with == or !=";
            return false;
        }

        if (op == "~=" && version.Release.Count < 2)
        {
            error = $"'{clause.Trim()}': ~= needs at least two release numbers (~=2.16)";
            return false;
        }

        specifier = new Pep440Specifier(op, text, version, wildcard);
        error = string.Empty;
        return true;
    }

    /// <summary>Whether <paramref name="candidate"/> satisfies this clause, by the rules of PEP 440 (pre-releases are judged by the set).</summary>
    public bool Contains(Pep440Version candidate)
    {
        if (Operator == "===")
        {
            return string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }

        var version = Version!;
        return Operator switch
        {
            "==" => Equal(candidate, version),
            "!=" => !Equal(candidate, version),
            "<=" => candidate.Public <= version,
            ">=" => candidate.Public >= version,
            "<" => candidate < version && !(!version.IsPrerelease && candidate.IsPrerelease && candidate.BaseVersion == version.BaseVersion),
            ">" => candidate > version
                && !(!version.IsPostrelease && candidate.IsPostrelease && candidate.BaseVersion == version.BaseVersion)
                && !(candidate.Local.Count > 0 && candidate.BaseVersion == version.BaseVersion),
            _ => Compatible(candidate, version),
        };
    }

    public override string ToString() => Operator + text;

    private bool Equal(Pep440Version candidate, Pep440Version version)
    {
        if (IsWildcard)
        {
            // ==1.2.* : the same epoch, and the release padded with zeros starts with 1.2.
            var prefix = version.Release;
            return candidate.Epoch == version.Epoch
                && Enumerable.Range(0, prefix.Count).All(i => (i < candidate.Release.Count ? candidate.Release[i] : 0) == prefix[i]);
        }

        // A local label on the candidate counts only when the clause names one.
        return version.Local.Count == 0 ? candidate.Public == version : candidate == version;
    }

    /// <summary><c>~=2.2.1</c> means <c>&gt;=2.2.1, ==2.2.*</c>.</summary>
    private static bool Compatible(Pep440Version candidate, Pep440Version version)
    {
        var prefix = version.Release.Take(version.Release.Count - 1).ToArray();
        return candidate.Public >= version
            && candidate.Epoch == version.Epoch
            && Enumerable.Range(0, prefix.Length).All(i => (i < candidate.Release.Count ? candidate.Release[i] : 0) == prefix[i]);
    }
}
