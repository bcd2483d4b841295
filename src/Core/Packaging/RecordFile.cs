using System.Security.Cryptography;
using System.Text;

namespace M1Env.Core.Packaging;

/// <summary>
/// A distribution's RECORD: CSV as Python's <c>csv</c> module reads and writes it (the default
/// dialect pip uses), one row per installed file (<see cref="RecordEntry"/>). A path holding a comma,
/// a quote or a line break is quoted, a quote inside doubled. Inspecting an env reads only the paths
/// (checking hashes would read every file); a kept install's file whose size or time changed is
/// checked against its hash.
/// </summary>
public static class RecordFile
{
    /// <summary>pip's line end: <c>csv.writer</c>'s default, <c>\r\n</c>.</summary>
    private const string LineEnd = "\r\n";

    /// <summary>The rows of a RECORD file; rows without a path (blank lines) are left out.</summary>
    public static IReadOnlyList<RecordEntry> Read(string recordPath) => Parse(File.ReadAllText(recordPath, Encoding.UTF8));

    /// <summary>The paths a RECORD lists; none where it cannot be read.</summary>
    public static IReadOnlyList<string> ReadPaths(string recordPath)
    {
        try
        {
            return Read(recordPath).Select(entry => entry.Path).ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The rows of RECORD's text: fields quoted or not, quoted ones across line breaks.</summary>
    public static IReadOnlyList<RecordEntry> Parse(string text)
    {
        var entries = new List<RecordEntry>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i++];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i < text.Length && text[i] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i < text.Length && text[i] == '\n')
                {
                    i++;
                }

                EndRow(entries, fields, field);
            }
            else
            {
                field.Append(c);
            }
        }

        EndRow(entries, fields, field);
        return entries;
    }

    /// <summary>RECORD's text for these rows, as pip writes it.</summary>
    public static string Format(IEnumerable<RecordEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(Field(entry.Path)).Append(',').Append(Field(entry.Hash)).Append(',').Append(Field(entry.Size)).Append(LineEnd);
        }

        return text.ToString();
    }

    /// <summary>Writes a RECORD file as pip writes one.</summary>
    public static void Write(string recordPath, IEnumerable<RecordEntry> entries) =>
        File.WriteAllText(recordPath, Format(entries), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>The folders in site-packages that hold this distribution's files, e.g. <c>numpy</c> for <c>numpy/core/x.py</c>.</summary>
    public static IReadOnlyList<string> TopLevelDirectories(IReadOnlyList<string> paths, string sitePackages, string distInfoName) =>
        paths
            .Select(p => p.Replace('\\', '/'))
            .Where(p => p.Contains('/', StringComparison.Ordinal) && !p.StartsWith("../", StringComparison.Ordinal) && !p.StartsWith('/'))
            .Select(p => p[..p.IndexOf('/', StringComparison.Ordinal)])
            .Where(top => top != distInfoName && top != "__pycache__" && !top.EndsWith(".data", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(top => Path.Combine(sitePackages, top))
            .ToArray();

    /// <summary>The listed files that are gone; compiled files are left out, Python remakes them.</summary>
    public static IReadOnlyList<string> MissingFiles(IReadOnlyList<string> paths, string sitePackages) =>
        paths
            .Where(p => !p.EndsWith(".pyc", StringComparison.Ordinal) && !p.Contains("__pycache__", StringComparison.Ordinal))
            .Where(p => !File.Exists(Path.GetFullPath(p, sitePackages)))
            .ToArray();

    /// <summary>A file's sha256 digest as RECORD writes it.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Digest(SHA256.HashData(stream));
    }

    /// <summary>A sha256 hash as RECORD writes it (PEP 376: URL-safe base64 without padding).</summary>
    public static string Digest(byte[] sha256) => Convert.ToBase64String(sha256).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A field as <c>csv.writer</c> writes it (QUOTE_MINIMAL): quoted where it holds a comma, a quote or a line break.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void EndRow(List<RecordEntry> entries, List<string> fields, StringBuilder field)
    {
        fields.Add(field.ToString());
        field.Clear();
        if (fields[0].Length > 0)
        {
            entries.Add(new RecordEntry(fields[0], fields.ElementAtOrDefault(1) ?? string.Empty, fields.ElementAtOrDefault(2) ?? string.Empty));
        }

        fields.Clear();
    }
}
