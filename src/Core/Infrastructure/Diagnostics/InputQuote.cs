using System.Globalization;

namespace M1Env.Core.Infrastructure.Diagnostics;

/// <summary>Shortens a value the user wrote, or a tool's line that holds one, before a message quotes it, so a 10 kB Include gives a readable error.</summary>
public static class InputQuote
{
    public const int MaxQuotedLength = 100;

    /// <summary>A line of a tool's output or a command line that a message quotes: a sentence around a value, so somewhat longer.</summary>
    public const int MaxLineLength = 160;

    /// <summary>The value itself, or its first 100 characters, an ellipsis and its length.</summary>
    public static string Shorten(string? value) => Cut(value, MaxQuotedLength);

    /// <summary>A line of a tool's output (pip's, conda's) as a message quotes it: itself, or its first 160 characters, an ellipsis and its length.</summary>
    public static string Line(string? line) => Cut(line, MaxLineLength);

    private static string Cut(string? value, int length)
    {
        if (value is null || value.Length <= length)
        {
            return value ?? string.Empty;
        }

        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
        return string.Create(CultureInfo.InvariantCulture, $"{value[..cut]}… ({value.Length} characters)");
    }
}
