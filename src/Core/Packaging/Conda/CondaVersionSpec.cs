
namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// Judges a version against a conda version spec as M1Env writes them (<c>CondaRequirement.Version</c>):
/// <c>==1.26.4</c>, <c>=1.26</c> (1.26 or 1.26.anything), <c>1.26.*</c>, <c>&gt;=1.26,&lt;2</c>, alternatives
/// with <c>|</c>, and "version build" pairs, where the build is matched as a pattern too.
/// </summary>
public static class CondaVersionSpec
{
    public static bool IsSatisfiedBy(string spec, string version, string build)
    {
        if (spec.Length == 0)
        {
            return true;
        }

        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && !GlobMatches(parts[1], build))
        {
            return false;
        }

        return parts[0].Split('|').Any(alternative => alternative.Split(',').All(clause => ClauseHolds(clause, version)));
    }

    private static bool ClauseHolds(string clause, string version)
    {
        var op = new string(clause.TakeWhile(c => c is '=' or '<' or '>' or '!' or '~').ToArray());
        var target = clause[op.Length..];
        if (target.EndsWith(".*", StringComparison.Ordinal) || target.EndsWith('*'))
        {
            var stem = target.TrimEnd('*').TrimEnd('.');
            var matches = stem.Length == 0 || CondaVersionOrder.Compare(Truncate(version, stem), stem) == 0;
            return op is "!=" ? !matches : op is "" or "=" or "==" ? matches : Compare(op, version, stem);
        }

        return op switch
        {
            "" or "==" => CondaVersionOrder.Compare(version, target) == 0,
            "=" => CondaVersionOrder.Compare(Truncate(version, target), target) == 0,
            "~=" => CondaVersionOrder.Compare(version, target) >= 0 && CondaVersionOrder.Compare(Truncate(version, target, dropLast: true), Truncate(target, target, dropLast: true)) == 0,
            _ => Compare(op, version, target),
        };
    }

    private static bool Compare(string op, string version, string target)
    {
        var order = CondaVersionOrder.Compare(version, target);
        return op switch
        {
            ">=" => order >= 0,
            "<=" => order <= 0,
            ">" => order > 0,
            "<" => order < 0,
            "!=" => order != 0,
            _ => false,
        };
    }

    /// <summary>The version cut to as many dot-separated parts as <paramref name="like"/> has (one fewer with <paramref name="dropLast"/>).</summary>
    private static string Truncate(string version, string like, bool dropLast = false)
    {
        var count = like.Split('.').Length - (dropLast ? 1 : 0);
        return string.Join('.', version.Split('.').Take(Math.Max(count, 1)));
    }

    private static bool GlobMatches(string pattern, string text) =>
        System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, text, ignoreCase: false);
}
