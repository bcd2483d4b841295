using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Inspection;
using M1Env.Core.Packaging;

namespace M1Env.Core.Cache;

/// <summary>
/// Removes installed distributions as <c>pip uninstall</c> does, without its process: every file
/// their RECORD lists (and, as pip does, a <c>.pyc</c> beside each <c>.py</c>), then the folders that
/// left empty. The files are first moved aside inside the env and only deleted once all of them
/// moved, so a failure puts everything back and leaves the env as it was. Only what pip installed
/// plainly is removed this way: a distribution without RECORD, installed by another tool (conda),
/// editable, or with files outside the env is left to pip.
/// </summary>
public sealed class RecordRemoval(IProvisionLog log)
{
    /// <summary>
    /// Removes what it can of <paramref name="names"/> (normalised) from the env; returns the names
    /// left to pip: those it does not remove itself, or all of them when a file could not be moved
    /// aside (the env is then as it was).
    /// </summary>
    public IReadOnlyList<string> Remove(InstalledEnv disk, IReadOnlyList<string> names)
    {
        var left = new List<string>();
        var files = new List<string>();
        foreach (var name in names)
        {
            if (disk.Find(name) is { } distribution && FilesOf(distribution, disk.Prefix) is { } owned)
            {
                files.AddRange(owned);
            }
            else
            {
                left.Add(name);
            }
        }

        if (files.Count == 0)
        {
            return left;
        }

        // Named as pip names what it sets aside: a build killed meanwhile leaves a '~' folder the next build deletes.
        var stash = Path.Combine(disk.SitePackages ?? disk.Prefix, $"~m1env-removing-{Guid.NewGuid():N}");
        Directory.CreateDirectory(stash);
        var moved = new List<(string From, string To)>();
        try
        {
            // The dist-info goes last, its METADATA very last: a build killed meanwhile leaves a distribution with missing files, which the next build sees.
            var ordered = files.Distinct(StringComparer.Ordinal)
                .OrderBy(file => file.Contains(".dist-info" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .ThenBy(file => Path.GetFileName(file) == "METADATA");
            foreach (var file in ordered.Where(File.Exists))
            {
                var aside = Path.Combine(stash, moved.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                File.Move(file, aside);
                moved.Add((file, aside));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            foreach (var (from, to) in Enumerable.Reverse(moved))
            {
                File.Move(to, from);
            }

            Leftovers.DeleteFolder(stash);
            log.Detail($"{exception.Message} (nothing was removed): pip removes {string.Join(", ", names)} instead.");
            return names;
        }

        Leftovers.DeleteFolder(stash);
        RemoveEmptyFolders(moved.Select(m => Path.GetDirectoryName(m.From)!), disk);
        log.Detail($"Removed {moved.Count} files by the RECORD of {string.Join(", ", names.Except(left, StringComparer.Ordinal))}.");
        return left;
    }

    /// <summary>The files pip would remove for the distribution; null when pip should remove it itself.</summary>
    private static List<string>? FilesOf(InstalledDistribution distribution, string prefix)
    {
        var record = Path.Combine(distribution.DistInfoPath, "RECORD");
        if (distribution.Installer != "pip" || distribution.Editable || !File.Exists(record))
        {
            return null;
        }

        var root = Path.GetFullPath(prefix) + Path.DirectorySeparatorChar;
        var sitePackages = Path.GetDirectoryName(distribution.DistInfoPath)!;
        var files = new List<string>();
        foreach (var path in RecordFile.Read(record).Select(entry => entry.Path))
        {
            var file = Path.GetFullPath(Path.Combine(sitePackages, path));
            if (!file.StartsWith(root, StringComparison.Ordinal))
            {
                return null;
            }

            files.Add(file);
            if (file.EndsWith(".py", StringComparison.Ordinal))
            {
                files.Add(file[..^3] + ".pyc");
            }
        }

        return files;
    }

    /// <summary>
    /// Deletes the folders that the removal emptied (a package's folder, its <c>__pycache__</c>),
    /// deepest first; never the prefix, site-packages, bin or the folders between them. An empty
    /// package folder left behind would still import, as a namespace package.
    /// </summary>
    private static void RemoveEmptyFolders(IEnumerable<string> folders, InstalledEnv disk)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(disk.Prefix).TrimEnd(Path.DirectorySeparatorChar) };
        foreach (var own in new[] { disk.SitePackages, disk.BinDirectory }.OfType<string>())
        {
            for (var folder = Path.GetFullPath(own).TrimEnd(Path.DirectorySeparatorChar); folder.Length > 1 && kept.Add(folder); folder = Path.GetDirectoryName(folder)!)
            {
            }
        }

        foreach (var start in folders.Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length))
        {
            for (var folder = start; !kept.Contains(folder) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any(); folder = Path.GetDirectoryName(folder)!)
            {
                Directory.Delete(folder);
            }
        }
    }
}
