using M1Env.Core.Packaging.Versions;

namespace M1Env.Core.Packaging.Markers;

/// <summary>
/// <c>left op right</c>, evaluated as <c>packaging.markers</c> does: when <c>op + right</c> is a PEP 440 specifier and the
/// left value a version, the specifier decides (pre-releases allowed); otherwise <c>in</c>/<c>not in</c> test substrings
/// and the other operators compare the strings.
/// </summary>
/// <remarks>
/// One deliberate difference: packaging 24 raises an error when the specifier parses but the left value is no
/// version (<c>platform_release &gt;= '5.10'</c> on <c>5.15.0-91-generic</c>); here the strings are compared instead,
/// so an odd kernel release does not stop an install.
/// </remarks>
internal sealed class MarkerComparison(MarkerOperand left, string op, MarkerOperand right) : Marker
{
    public override bool Evaluate(MarkerEnvironment environment)
    {
        if (op is "in" or "not in" && right.IsVariable && environment.GetSet(right.Text) is { } set)
        {
            var contained = set.Contains(Value(left, environment), StringComparer.OrdinalIgnoreCase);
            return op == "in" ? contained : !contained;
        }

        var (lhs, rhs) = (Value(left, environment), Value(right, environment));
        if (op is not ("in" or "not in")
            && Pep440Specifier.TryParse(op + rhs, out var specifier, out _)
            && Pep440Version.TryParse(lhs, out var version))
        {
            return specifier!.Contains(version);
        }

        return op switch
        {
            "in" => rhs.Contains(lhs, StringComparison.Ordinal),
            "not in" => !rhs.Contains(lhs, StringComparison.Ordinal),
            "==" or "===" => lhs == rhs,
            "!=" => lhs != rhs,
            "<" => string.CompareOrdinal(lhs, rhs) < 0,
            "<=" => string.CompareOrdinal(lhs, rhs) <= 0,
            ">" => string.CompareOrdinal(lhs, rhs) > 0,
            ">=" => string.CompareOrdinal(lhs, rhs) >= 0,
            _ => throw new MarkerException($"'{op}' cannot compare '{lhs}' and '{rhs}': they are not versions"),
        };
    }

    private static string Value(MarkerOperand operand, MarkerEnvironment environment)
    {
        if (!operand.IsVariable)
        {
            return operand.Text;
        }

        return environment.Get(operand.Text)
            ?? throw new MarkerException($"'{operand.Text}' is a set; only 'in' and 'not in' can test it");
    }
}
