using System.Text.Json;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Inspection;

/// <summary>
/// Reads what a conda prefix holds from its <c>conda-meta</c> folder, the records conda and
/// micromamba write alike (conda's <c>PrefixRecord</c>). Starts no process and never throws for a
/// damaged prefix: a record that cannot be read is listed in <see cref="CondaMetaContents.Unreadable"/>.
/// </summary>
public static class CondaMetaReader
{
    private const string MetaFolder = "conda-meta";

    /// <param name="verifyFiles">Check that every file each record lists exists: one stat per file.</param>
    public static CondaMetaContents Read(string prefix, bool verifyFiles)
    {
        var packages = new List<InstalledCondaPackage>();
        var unreadable = new List<string>();
        foreach (var file in MetaFiles(prefix))
        {
            if (ReadRecord(file, prefix, verifyFiles) is { } package)
            {
                packages.Add(package);
            }
            else
            {
                unreadable.Add(file);
            }
        }

        return new CondaMetaContents(
            packages.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal).ThenBy(p => p.Build, StringComparer.Ordinal).ToArray(),
            unreadable.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The folder is a conda prefix: <c>conda-meta/history</c> exists (conda's own test), or
    /// <c>conda-meta</c> holds package records (a prefix whose history was lost).
    /// </summary>
    public static bool IsCondaPrefix(string prefix) =>
        File.Exists(Path.Combine(prefix, MetaFolder, "history")) || MetaFiles(prefix).Length > 0;

    /// <summary>The version of the prefix's <c>python</c> package, from its record's file name (<c>python-3.11.7-h...json</c>); null when it has none.</summary>
    /// <remarks>Other packages' names may start with "python-" too (python-dateutil), so the name must be exactly python.</remarks>
    public static string? PythonVersion(string prefix) =>
        MetaFiles(prefix)
            .Select(f => CondaPackageRef.SplitDistName(Path.GetFileNameWithoutExtension(f)))
            .Where(d => d is { Name: "python" })
            .Select(d => d!.Value.Version)
            .Order(StringComparer.Ordinal)
            .LastOrDefault();

    /// <summary>The files a record lists, relative to the prefix; empty when it cannot be read.</summary>
    public static IReadOnlyList<string> ListedFiles(string metaFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(metaFile));
            return CondaJson.Strings(document.RootElement, "files");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    private static string[] MetaFiles(string prefix)
    {
        try
        {
            var folder = Path.Combine(prefix, MetaFolder);
            return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static InstalledCondaPackage? ReadRecord(string file, string prefix, bool verifyFiles)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var record = document.RootElement;
            if (record.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // conda names the file name-version-build.json: a record missing a key still names it there.
            var fromFileName = CondaPackageRef.SplitDistName(Path.GetFileNameWithoutExtension(file));
            var name = CondaJson.Text(record, "name") ?? fromFileName?.Name;
            var version = CondaJson.Text(record, "version") ?? fromFileName?.Version;
            var build = CondaJson.Text(record, "build") ?? CondaJson.Text(record, "build_string") ?? fromFileName?.Build;
            if (name is null || version is null || build is null)
            {
                return null;
            }

            var url = CondaJson.Text(record, "url");
            var channel = CondaJson.Text(record, "channel") ?? url;
            var files = CondaJson.Strings(record, "files");
            return new InstalledCondaPackage(
                name,
                version,
                build,
                CondaChannelName.Normalize(channel) ?? string.Empty,
                (CondaJson.Text(record, "subdir") ?? CondaChannelName.SubdirOf(channel) ?? CondaChannelName.SubdirOf(url)) ?? string.Empty,
                url is null ? string.Empty : UrlRedactor.Redact(url),
                CondaJson.Text(record, "md5") ?? string.Empty,
                CondaJson.Text(record, "sha256"),
                CondaJson.Text(record, "requested_spec"),
                CondaJson.Strings(record, "depends"),
                verifyFiles ? MissingFiles(files, prefix) : [])
            {
                MetaFile = file,
                FileCount = files.Count,
                TopLevelDirectories = TopLevelDirectories(files, prefix),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string[] TopLevelDirectories(IReadOnlyList<string> files, string prefix) =>
        files
            .Select(file => file.Replace('\\', '/').Split('/'))
            .Where(parts => parts.Length > 1)
            .Select(parts =>
            {
                var sitePackages = Array.IndexOf(parts, "site-packages");
                var depth = sitePackages >= 0 && sitePackages < parts.Length - 2 ? sitePackages + 2 : Math.Min(parts.Length - 1, 2);
                return Path.Combine([prefix, .. parts[..depth]]);
            })
            .Distinct(PathIdentity.Comparer)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The listed files that are gone; compiled files are left out, conda may not have compiled them and Python remakes them.</summary>
    private static string[] MissingFiles(IReadOnlyList<string> files, string prefix) =>
        files
            .Where(f => !f.EndsWith(".pyc", StringComparison.Ordinal) && !f.Contains("__pycache__", StringComparison.Ordinal))
            .Where(f => Path.GetFullPath(f, prefix) is var path && !File.Exists(path) && !Directory.Exists(path))
            .ToArray();
}
