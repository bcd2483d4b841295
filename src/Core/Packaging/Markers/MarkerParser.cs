using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Packaging.Markers;

/// <summary>
/// Parses PEP 508 environment markers: <c>or</c> binds looser than <c>and</c>, parentheses group, and each comparison
/// has a variable or a quoted string on either side of <c>== != &lt; &lt;= &gt; &gt;= ~= === in</c> or <c>not in</c>.
/// </summary>
public static class MarkerParser
{
    private static readonly string[] Operators = ["===", "==", "!=", "<=", ">=", "~=", "<", ">"];

    private static readonly HashSet<string> Variables =
    [
        "os_name", "sys_platform", "platform_machine", "platform_python_implementation", "platform_release",
        "platform_system", "platform_version", "python_version", "python_full_version", "implementation_name",
        "implementation_version", "extra", "extras", "dependency_groups",
        "os.name", "sys.platform", "platform.machine", "platform.python_implementation", "python_implementation", "platform.version",
    ];

    /// <exception cref="MarkerException">The text is not a marker.</exception>
    public static Marker Parse(string text)
    {
        var reader = new Reader(text);
        var marker = ParseOr(reader);
        reader.SkipSpace();
        if (!reader.AtEnd)
        {
            throw reader.Error("expected 'and', 'or' or the end");
        }

        return marker;
    }

    private static Marker ParseOr(Reader reader)
    {
        var marker = ParseAnd(reader);
        while (reader.TryKeyword("or"))
        {
            marker = new MarkerOr(marker, ParseAnd(reader));
        }

        return marker;
    }

    private static Marker ParseAnd(Reader reader)
    {
        var marker = ParseAtom(reader);
        while (reader.TryKeyword("and"))
        {
            marker = new MarkerAnd(marker, ParseAtom(reader));
        }

        return marker;
    }

    private static Marker ParseAtom(Reader reader)
    {
        reader.SkipSpace();
        if (reader.TrySymbol("("))
        {
            var inner = ParseOr(reader);
            reader.SkipSpace();
            return reader.TrySymbol(")") ? inner : throw reader.Error("expected ')'");
        }

        var left = ParseOperand(reader);
        var op = ParseOperator(reader);
        var right = ParseOperand(reader);
        return new MarkerComparison(left, op, right);
    }

    private static MarkerOperand ParseOperand(Reader reader)
    {
        reader.SkipSpace();
        if (reader.TryQuoted(out var literal))
        {
            return new MarkerOperand(literal, IsVariable: false);
        }

        var name = reader.Word();
        return Variables.Contains(name)
            ? new MarkerOperand(name, IsVariable: true)
            : throw reader.Error(name.Length == 0 ? "expected a quoted string or a marker variable" : $"'{InputQuote.Shorten(name)}' is not a marker variable");
    }

    private static string ParseOperator(Reader reader)
    {
        reader.SkipSpace();
        foreach (var op in Operators)
        {
            if (reader.TrySymbol(op))
            {
                return op;
            }
        }

        if (reader.TryKeyword("in"))
        {
            return "in";
        }

        if (reader.TryKeyword("not"))
        {
            return reader.TryKeyword("in") ? "not in" : throw reader.Error("expected 'in' after 'not'");
        }

        throw reader.Error("expected a comparison operator");
    }

    private sealed class Reader(string text)
    {
        private int position;

        public bool AtEnd => position >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        public bool TrySymbol(string symbol)
        {
            if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) != 0)
            {
                return false;
            }

            position += symbol.Length;
            return true;
        }

        /// <summary>A keyword must stand alone: <c>or</c> does not match the start of <c>os_name</c>.</summary>
        public bool TryKeyword(string keyword)
        {
            SkipSpace();
            var end = position + keyword.Length;
            if (string.CompareOrdinal(text, position, keyword, 0, keyword.Length) != 0 || (end < text.Length && IsWordChar(text[end])))
            {
                return false;
            }

            position = end;
            return true;
        }

        public bool TryQuoted(out string value)
        {
            value = string.Empty;
            if (AtEnd || text[position] is not ('\'' or '"'))
            {
                return false;
            }

            var quote = text[position];
            var close = text.IndexOf(quote, position + 1);
            if (close < 0)
            {
                throw Error("unterminated string");
            }

            value = text[(position + 1)..close];
            position = close + 1;
            return true;
        }

        public string Word()
        {
            var start = position;
            while (!AtEnd && IsWordChar(text[position]))
            {
                position++;
            }

            return text[start..position];
        }

        public MarkerException Error(string problem) => new($"'{InputQuote.Shorten(text)}' is not a valid marker: {problem} at position {position + 1}");

        private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.';
    }
}
