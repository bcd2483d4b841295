using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.ToolsFolder;

/// <summary>
/// Removes the kept items of a tools folder (installs, pip seeds, venvs, probe answers) no build used
/// in the last days, and what interrupted builds or prunes left there a day ago or more. Managed
/// Pythons, Miniforge, the conda package caches and the locks are never removed: envs are made from
/// the first two, and removing one makes those envs be made again.
/// </summary>
/// <remarks>
/// An item is renamed to a dot-named sibling before it is deleted: no build looks a kept item up by a
/// dot-named key, so a build never takes a half-deleted one for whole, and a build that was taking it
/// at that moment fails to link it and has pip install the package (the venv module make the venv)
/// instead. A prune killed midway leaves the dot-named folder, which the next prune deletes.
/// </remarks>
public static class ToolsFolderPruner
{
    private const string RemovingSuffix = ".removing";

    private static readonly TimeSpan LeftoverAge = TimeSpan.FromDays(1);

    private static readonly HashSet<ToolsFolderKind> Prunable =
        [ToolsFolderKind.Installs, ToolsFolderKind.PipSeeds, ToolsFolderKind.Venvs, ToolsFolderKind.Probes];

    /// <summary>The items prune removes: kept items last used before <paramref name="now"/> less <paramref name="unusedFor"/>, leftovers a day old; least recently used first.</summary>
    public static IReadOnlyList<KeptItem> Unused(ToolsFolderInventory inventory, TimeSpan unusedFor, DateTime now) =>
        inventory.Items.Where(item => IsDue(item.Kind, item.Path, item.LastUse, unusedFor, now)).ToArray();

    /// <summary>
    /// Removes <paramref name="items"/>, each unless a build used it since it was listed; returns those
    /// removed. An item that cannot be removed (another user's file, a read-only folder) is left.
    /// </summary>
    public static IReadOnlyList<KeptItem> Remove(IEnumerable<KeptItem> items, TimeSpan unusedFor, DateTime now)
    {
        var removed = new List<KeptItem>();
        foreach (var item in items)
        {
            var lastUse = item.Kind == ToolsFolderKind.Leftovers ? item.LastUse : UseRecord.LastUse(item.Path);
            if (lastUse is { } used && IsDue(item.Kind, item.Path, used, unusedFor, now) && TryRemove(item))
            {
                removed.Add(item);
            }
        }

        return removed;
    }

    private static bool IsDue(ToolsFolderKind kind, string path, DateTime lastUse, TimeSpan unusedFor, DateTime now) =>
        kind == ToolsFolderKind.Leftovers
            ? Path.GetFileName(path).EndsWith(RemovingSuffix, StringComparison.Ordinal) || lastUse < now - LeftoverAge
            : Prunable.Contains(kind) && lastUse < now - unusedFor;

    private static bool TryRemove(KeptItem item)
    {
        var name = Path.GetFileName(item.Path);
        var aside = name.StartsWith('.') && name.EndsWith(RemovingSuffix, StringComparison.Ordinal)
            ? item.Path
            : Path.Combine(Path.GetDirectoryName(item.Path)!, $".{name}.{Guid.NewGuid():N}{RemovingSuffix}");
        try
        {
            if (aside != item.Path)
            {
                if (Directory.Exists(item.Path))
                {
                    Directory.Move(item.Path, aside);
                }
                else
                {
                    File.Move(item.Path, aside);
                }
            }

            if (item.Kind != ToolsFolderKind.Leftovers)
            {
                Leftovers.DeleteFile(UseRecord.PathOf(item.Path));
            }

            if (Directory.Exists(aside))
            {
                Directory.Delete(aside, recursive: true);
            }
            else
            {
                File.Delete(aside);
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
