using System.Globalization;
using System.Text.RegularExpressions;

namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// conda's version order, enough to judge an installed version against a declared spec without
/// conda: components split on '.', '_' and '-', each a run of digits or letters; numbers compare as
/// numbers, "dev" sorts before every other word, words sort before numbers, and "post" after them
/// (so 1.1dev1 &lt; 1.1a1 &lt; 1.1rc1 &lt; 1.1 &lt; 1.1post1); missing components count as 0;
/// an epoch (<c>1!</c>) outranks the rest; a local part (<c>+cuda</c>) is ignored.
/// </summary>
public static partial class CondaVersionOrder
{
    [GeneratedRegex(@"\d+|[a-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    public static int Compare(string left, string right)
    {
        var (leftEpoch, leftTokens) = Parse(left);
        var (rightEpoch, rightTokens) = Parse(right);
        if (leftEpoch != rightEpoch)
        {
            return leftEpoch.CompareTo(rightEpoch);
        }

        for (var i = 0; i < Math.Max(leftTokens.Count, rightTokens.Count); i++)
        {
            var result = CompareToken(i < leftTokens.Count ? leftTokens[i] : "0", i < rightTokens.Count ? rightTokens[i] : "0");
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    private static (long Epoch, List<string> Tokens) Parse(string version)
    {
        var text = version.Trim().ToLowerInvariant();
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        text = plus >= 0 ? text[..plus] : text;
        long epoch = 0;
        var bang = text.IndexOf('!', StringComparison.Ordinal);
        if (bang > 0 && long.TryParse(text[..bang], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            epoch = parsed;
            text = text[(bang + 1)..];
        }

        return (epoch, Token().Matches(text).Select(m => m.Value).ToList());
    }

    private static int CompareToken(string left, string right)
    {
        var leftNumber = char.IsAsciiDigit(left[0]);
        var rightNumber = char.IsAsciiDigit(right[0]);
        if (leftNumber && rightNumber)
        {
            var a = left.TrimStart('0');
            var b = right.TrimStart('0');
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
        }

        return Rank(left, leftNumber).CompareTo(Rank(right, rightNumber)) is var rank and not 0
            ? rank
            : leftNumber ? 0 : string.CompareOrdinal(left, right);
    }

    // dev < other words < numbers < post
    private static int Rank(string token, bool isNumber) => isNumber ? 2 : token switch
    {
        "dev" => 0,
        "post" => 3,
        _ => 1,
    };
}
