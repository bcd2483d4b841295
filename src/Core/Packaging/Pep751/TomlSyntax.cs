using System.Globalization;
using Tomlyn.Syntax;

namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// Builds Tomlyn syntax nodes laid out one way: <c>key = value</c> lines, single-line arrays and
/// <c>{ key = value, ... }</c> inline tables. Tomlyn's own constructors leave line breaks inside inline tables.
/// </summary>
internal static class TomlSyntax
{
    public static KeyValueSyntax String(string key, string value) => new(key, new StringValueSyntax(value));

    public static KeyValueSyntax Integer(string key, long value) => new(key, new IntegerValueSyntax(value));

    public static KeyValueSyntax Strings(string key, IEnumerable<string> values) => new(key, new ArraySyntax(values.ToArray()));

    /// <summary>An offset date-time in UTC with a <c>Z</c>, microseconds only when present (as Python writes them).</summary>
    public static KeyValueSyntax UtcDateTime(string key, DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        var token = new SyntaxToken(TokenKind.OffsetDateTimeByZ, utc.ToString(format, CultureInfo.InvariantCulture));
        return new KeyValueSyntax(key, new DateTimeValueSyntax(SyntaxKind.OffsetDateTimeByZ) { Token = token });
    }

    public static InlineTableSyntax InlineTable(IEnumerable<KeyValueSyntax> entries)
    {
        var table = new InlineTableSyntax(entries.ToArray());
        foreach (var item in table.Items)
        {
            item.KeyValue!.EndOfLineToken = null;
            if (item.Comma is { } comma)
            {
                comma.TrailingTrivia = null;
                comma.AddTrailingWhitespace();
            }
        }

        return table;
    }

    public static KeyValueSyntax InlineTables(string key, IEnumerable<InlineTableSyntax> tables)
    {
        var array = new ArraySyntax
        {
            OpenBracket = SyntaxFactory.Token(TokenKind.OpenBracket),
            CloseBracket = SyntaxFactory.Token(TokenKind.CloseBracket),
        };
        var items = tables.ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            var item = new ArrayItemSyntax { Value = items[i] };
            if (i < items.Length - 1)
            {
                item.Comma = SyntaxFactory.Token(TokenKind.Comma);
                item.Comma.AddTrailingWhitespace();
            }

            array.Items.Add(item);
        }

        return new KeyValueSyntax(key, array);
    }
}
