using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace M1Env.Testing;

/// <summary>The text of the files inside a pure-Python wheel. Lines end in \n on every OS so bytes never vary.</summary>
internal static class WheelContents
{
    public static byte[] InitModule(string name, string version, string? extraSource)
    {
        var text = new StringBuilder()
            .Append("__version__ = \"").Append(version).Append("\"\n")
            .Append("NAME = \"").Append(name).Append("\"\n");
        if (!string.IsNullOrEmpty(extraSource))
        {
            text.Append('\n').Append(extraSource.ReplaceLineEndings("\n"));
            if (!extraSource.EndsWith('\n'))
            {
                text.Append('\n');
            }
        }

        return Utf8(text.ToString());
    }

    public static byte[] Metadata(string name, string version, IReadOnlyList<string> requiresDist)
    {
        var text = new StringBuilder()
            .Append("Metadata-Version: 2.1\n")
            .Append("Name: ").Append(name).Append('\n')
            .Append("Version: ").Append(version).Append('\n');
        foreach (var requirement in requiresDist)
        {
            text.Append("Requires-Dist: ").Append(requirement).Append('\n');
        }

        return Utf8(text.ToString());
    }

    /// <param name="tag">The compressed tag set of the file name; each of its expansions gets a Tag line.</param>
    public static byte[] Wheel(string tag = "py3-none-any")
    {
        var parts = tag.Split('-');
        var text = new StringBuilder()
            .Append("Wheel-Version: 1.0\n")
            .Append("Generator: M1Env.Testing\n")
            .Append("Root-Is-Purelib: ").Append(tag == "py3-none-any" ? "true" : "false").Append('\n');
        foreach (var python in parts[0].Split('.'))
        {
            foreach (var abi in parts[1].Split('.'))
            {
                foreach (var platform in parts[2].Split('.'))
                {
                    text.Append("Tag: ").Append(python).Append('-').Append(abi).Append('-').Append(platform).Append('\n');
                }
            }
        }

        return Utf8(text.ToString());
    }

    /// <summary>One <c>path,sha256=digest,size</c> line a file, then RECORD itself with no hash (PEP 376, PEP 427); a path with a comma or quote is quoted, as CSV wants.</summary>
    public static byte[] Record(IEnumerable<(string Path, byte[] Content)> files, string recordPath)
    {
        var text = new StringBuilder();
        foreach (var (path, content) in files)
        {
            text.Append(CsvField(path)).Append(",sha256=").Append(RecordDigest(content)).Append(',').Append(content.Length).Append('\n');
        }

        text.Append(recordPath).Append(",,\n");
        return Utf8(text.ToString());
    }

    /// <summary>The urlsafe base64 of the SHA-256, without '=' padding, as RECORD wants it.</summary>
    public static string RecordDigest(byte[] content) => Base64Url.EncodeToString(SHA256.HashData(content));

    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
