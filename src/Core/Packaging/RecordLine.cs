using System.Globalization;
using System.Security.Cryptography;

namespace M1Env.Core.Packaging;

/// <summary>A line of a wheel's installed <c>RECORD</c> (PEP 376, PEP 627): <c>path,sha256=&lt;urlsafe base64&gt;,size</c>.</summary>
public static class RecordLine
{
    /// <summary>The path of a line, relative to site-packages; empty for a blank line.</summary>
    /// <remarks>A path holding a comma is quoted (RECORD is CSV); pip's own files hold none, so a quoted one is returned as it is.</remarks>
    public static string Path(string line)
    {
        var sizeStart = line.LastIndexOf(',');
        var hashStart = sizeStart > 0 ? line.LastIndexOf(',', sizeStart - 1) : -1;
        return hashStart > 0 ? line[..hashStart] : string.Empty;
    }

    /// <summary>The size of a line's file; null where RECORD gives none (its own line, byte code).</summary>
    public static long? Size(string line)
    {
        var sizeStart = line.LastIndexOf(',');
        return sizeStart > 0 && long.TryParse(line.AsSpan(sizeStart + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    /// <summary>The line for a file with these contents.</summary>
    public static string For(string path, byte[] contents) =>
        string.Create(CultureInfo.InvariantCulture, $"{path},sha256={RecordFile.Digest(SHA256.HashData(contents))},{contents.Length}");
}
