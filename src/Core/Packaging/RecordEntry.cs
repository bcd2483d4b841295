using System.Globalization;
using System.Security.Cryptography;

namespace M1Env.Core.Packaging;

/// <summary>
/// One row of a distribution's RECORD (PEP 376, PEP 627): a path relative to site-packages, its hash
/// (<c>sha256=&lt;urlsafe base64&gt;</c>) and its size, each as written; the hash and size are empty
/// for RECORD's own row and for byte code.
/// </summary>
public sealed record RecordEntry(string Path, string Hash, string Size)
{
    private const string Sha256Prefix = "sha256=";

    /// <summary>The size of the file; null where RECORD gives none.</summary>
    public long? Bytes => long.TryParse(Size, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;

    /// <summary>The sha256 digest RECORD gives the file (URL-safe base64, unpadded); null where it gives none.</summary>
    public string? Sha256 => Hash.StartsWith(Sha256Prefix, StringComparison.Ordinal) && Hash.Length > Sha256Prefix.Length ? Hash[Sha256Prefix.Length..] : null;

    /// <summary>The entry for a file with these contents, as pip writes it.</summary>
    public static RecordEntry For(string path, byte[] contents) =>
        new(path, Sha256Prefix + RecordFile.Digest(SHA256.HashData(contents)), contents.Length.ToString(CultureInfo.InvariantCulture));

    /// <summary>The entry of a file RECORD lists without hash or size (RECORD itself, byte code).</summary>
    public static RecordEntry Unhashed(string path) => new(path, string.Empty, string.Empty);
}
