using System.Globalization;

namespace M1Env.Core.Diagnostics;

/// <summary>Shortens a value the user wrote before a message quotes it, so a 10 kB Include gives a readable error.</summary>
public static class InputQuote
{
    public const int MaxQuotedLength = 100;

    /// <summary>The value itself, or its first 100 characters, an ellipsis and its length.</summary>
    public static string Shorten(string? value)
    {
        if (value is null || value.Length <= MaxQuotedLength)
        {
            return value ?? string.Empty;
        }

        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(value[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength;
        return string.Create(CultureInfo.InvariantCulture, $"{value[..cut]}… ({value.Length} characters)");
    }
}
