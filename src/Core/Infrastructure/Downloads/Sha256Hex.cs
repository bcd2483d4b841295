namespace M1Env.Core.Infrastructure.Downloads;

/// <summary>SHA-256 digests as written in <c>.sha256</c> files and settings: 64 hex digits, compared case-insensitively.</summary>
internal static class Sha256Hex
{
    public static bool IsValid(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    public static bool AreEqual(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The digest in a <c>.sha256</c> file: its first whitespace-separated token (the file reads
    /// like <c>sha256sum</c> output, "HASH  FILE-NAME"), or null when that is not a digest.
    /// </summary>
    public static string? ParseChecksumFile(string content)
    {
        var first = content.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && IsValid(first) ? first.ToLowerInvariant() : null;
    }
}
