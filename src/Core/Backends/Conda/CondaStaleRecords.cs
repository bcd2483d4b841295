using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Inspection;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Completes an explicit install of libmamba's programs (micromamba, mamba 2.x), which link a
/// package's new version without unlinking the old one: conda-meta then holds both records, and the
/// files only the old version had stay. Removes what conda's own unlink would have: the stale
/// record's files that the current record does not list, then the stale record. Starts no process.
/// </summary>
public static class CondaStaleRecords
{
    /// <param name="current">The dist names (<c>name-version-build</c>) the env should hold: a lock's packages.</param>
    /// <returns>The stale records removed.</returns>
    public static IReadOnlyList<InstalledCondaPackage> Remove(string prefix, IReadOnlySet<string> current, IProvisionLog log)
    {
        var removed = new List<InstalledCondaPackage>();
        var packages = CondaMetaReader.Read(prefix, verifyFiles: false);
        foreach (var group in packages.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // Only when exactly one record is the current one is it clear which are stale; otherwise the env stays damaged and is remade.
            var kept = group.Where(p => current.Contains(p.DistName)).ToArray();
            if (kept.Length != 1)
            {
                continue;
            }

            var keptFiles = CondaMetaReader.ListedFiles(kept[0].MetaFile).Select(Normalize).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in group.Where(p => p != kept[0]))
            {
                DeleteFilesOnlyItHas(prefix, CondaMetaReader.ListedFiles(stale.MetaFile).Where(f => !keptFiles.Contains(Normalize(f))));
                File.Delete(stale.MetaFile);
                removed.Add(stale);
            }
        }

        if (removed.Count > 0)
        {
            log.Detail($"Removed what the conda tool left of the versions it replaced: {string.Join(", ", removed.Select(p => $"{p.Name} {p.Version}={p.Build}"))}.");
        }

        return removed;
    }

    private static void DeleteFilesOnlyItHas(string prefix, IEnumerable<string> files)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(prefix));
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = Path.GetFullPath(file, root);
            // A record is data a tool or a person wrote: never follow it out of the prefix.
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Directory.Exists(path))
            {
                continue;
            }

            File.Delete(path);
            folders.Add(Path.GetDirectoryName(path)!);
        }

        foreach (var folder in folders.OrderByDescending(f => f.Length))
        {
            Leftovers.DeleteEmptyUpTo(folder, root);
        }
    }

    private static string Normalize(string file) => file.Replace('\\', '/');
}
