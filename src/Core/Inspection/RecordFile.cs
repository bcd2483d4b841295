namespace M1Env.Core.Inspection;

/// <summary>
/// A distribution's RECORD: one CSV row per installed file (path, hash, size), paths relative to
/// site-packages. Only the paths are read; hashes are not checked (that would read every file).
/// </summary>
internal static class RecordFile
{
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
