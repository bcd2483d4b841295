using System.Security.Cryptography;

namespace M1Env.Core.Packaging;

/// <summary>
/// A distribution's RECORD: one CSV row per installed file (path, hash, size), paths relative to
/// site-packages. Inspecting an env reads only the paths (checking hashes would read every file);
/// a kept install's file whose size or time changed is checked against its hash.
/// </summary>
internal static class RecordFile
{
    private const string Sha256Prefix = "sha256=";

    public static IReadOnlyList<string> ReadPaths(string recordPath)
    {
        try
        {
            return File.ReadLines(recordPath).Select(FirstField).Where(p => p.Length > 0).ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

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

    /// <summary>The sha256 digest a line gives its file, as RECORD writes it (URL-safe base64, unpadded); null where it gives none (byte code, RECORD itself).</summary>
    public static string? Sha256(string line)
    {
        var sizeStart = line.LastIndexOf(',');
        var hashStart = sizeStart > 0 ? line.LastIndexOf(',', sizeStart - 1) : -1;
        var hash = hashStart >= 0 ? line.AsSpan(hashStart + 1, sizeStart - hashStart - 1) : default;
        return hash.StartsWith(Sha256Prefix, StringComparison.Ordinal) && hash.Length > Sha256Prefix.Length ? hash[Sha256Prefix.Length..].ToString() : null;
    }

    /// <summary>A file's sha256 digest as RECORD writes it.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Digest(SHA256.HashData(stream));
    }

    /// <summary>A sha256 hash as RECORD writes it (PEP 376: URL-safe base64 without padding).</summary>
    public static string Digest(byte[] sha256) => Convert.ToBase64String(sha256).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The first CSV field: up to the first comma, or a quoted field with doubled quotes inside.</summary>
    private static string FirstField(string line)
    {
        if (!line.StartsWith('"'))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            return comma < 0 ? line : line[..comma];
        }

        var field = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] != '"')
            {
                field.Append(line[i]);
            }
            else if (i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else
            {
                break;
            }
        }

        return field.ToString();
    }
}
