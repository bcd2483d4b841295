using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.ToolsFolder;

/// <summary>
/// What <c>M1EnvToolsDir</c> holds, by kind, with sizes, and each kept item prune may remove with when
/// it was last used. Read from the folder alone: no process, and nothing written.
/// </summary>
public sealed class ToolsFolderInventory
{
    private const string PipSeedGroup = "pip";

    private static readonly Dictionary<string, ToolsFolderKind> WholeFolders = new(StringComparer.Ordinal)
    {
        ["python"] = ToolsFolderKind.ManagedPythons,
        ["miniforge3"] = ToolsFolderKind.Miniforge,
        ["conda-pkgs"] = ToolsFolderKind.CondaPackages,
        ["conda-resolve"] = ToolsFolderKind.CondaPackages,
        ["locks"] = ToolsFolderKind.Locks,
    };

    private ToolsFolderInventory(string root, IReadOnlyList<KindSize> kinds, IReadOnlyList<KeptItem> items)
    {
        Root = root;
        Kinds = kinds;
        Items = items;
    }

    public string Root { get; }

    /// <summary>Every kind found, in <see cref="ToolsFolderKind"/> order.</summary>
    public IReadOnlyList<KindSize> Kinds { get; }

    /// <summary>The kept items (installs, pip seeds, venvs, probe answers) and leftovers, least recently used first.</summary>
    public IReadOnlyList<KeptItem> Items { get; }

    public long Bytes => Kinds.Sum(k => k.Bytes);

    /// <summary>Reads <paramref name="toolsDirectory"/>; an empty inventory when it does not exist.</summary>
    public static ToolsFolderInventory Read(string toolsDirectory)
    {
        var root = Path.GetFullPath(toolsDirectory);
        var sizes = new TreeSize();
        var items = new List<(KeptItem Item, ToolsFolderKind Kind, long Bytes, int Files)>();
        var whole = new List<(ToolsFolderKind Kind, long Bytes, int Files)>();
        var entries = Directory.Exists(root) ? new DirectoryInfo(root).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToArray() : [];
        foreach (var entry in entries)
        {
            switch (entry.Name)
            {
                case "installs" when entry is DirectoryInfo installs:
                    foreach (var group in Children(installs))
                    {
                        if (group is DirectoryInfo && !IsLeftover(group.Name))
                        {
                            items.AddRange(ItemsIn((DirectoryInfo)group, group.Name == PipSeedGroup ? ToolsFolderKind.PipSeeds : ToolsFolderKind.Installs, sizes));
                        }
                        else
                        {
                            items.Add(Leftover(group, sizes));
                        }
                    }

                    break;
                case "venvs" when entry is DirectoryInfo venvs:
                    items.AddRange(ItemsIn(venvs, ToolsFolderKind.Venvs, sizes));
                    break;
                case "probes" when entry is DirectoryInfo probes:
                    items.AddRange(ItemsIn(probes, ToolsFolderKind.Probes, sizes));
                    break;
                default:
                    var (bytes, _, files) = sizes.Of(entry.FullName);
                    whole.Add((WholeFolders.GetValueOrDefault(entry.Name, ToolsFolderKind.Other), bytes, files));
                    break;
            }
        }

        var kinds = items.Select(i => (i.Kind, i.Bytes, Items: 1, i.Files)).Concat(whole.Select(w => (w.Kind, w.Bytes, Items: 0, w.Files)))
            .GroupBy(k => k.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new KindSize(g.Key, g.Sum(k => k.Bytes), g.Sum(k => k.Items), g.Sum(k => k.Files)))
            .ToArray();
        return new ToolsFolderInventory(root, kinds, items.Select(i => i.Item).OrderBy(i => i.LastUse).ToArray());
    }

    /// <summary>Whether a name in a kept items' folder is no kept item: a draft or scratch (<c>.partial</c>, a manifest written aside), a folder prune was removing (dot-named), or a use record.</summary>
    private static bool IsLeftover(string name) => name.StartsWith('.') || name.EndsWith(".partial", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal);

    private static IEnumerable<(KeptItem Item, ToolsFolderKind Kind, long Bytes, int Files)> ItemsIn(DirectoryInfo folder, ToolsFolderKind kind, TreeSize sizes)
    {
        var children = Children(folder);
        var names = children.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var child in children)
        {
            var isItem = kind == ToolsFolderKind.Probes
                ? child is FileInfo && child.Name.EndsWith(".json", StringComparison.Ordinal) && !child.Name.StartsWith('.')
                : child is DirectoryInfo && !IsLeftover(child.Name);
            if (isItem)
            {
                var (bytes, freed, files) = sizes.Of(child.FullName);
                var recorded = File.Exists(UseRecord.PathOf(child.FullName));
                var item = new KeptItem(kind, child.FullName, bytes, freed, UseRecord.LastUse(child.FullName) ?? DateTime.MinValue, recorded);
                yield return (item, kind, bytes, files);
            }
            else if (!(child.Name.EndsWith(UseRecord.Suffix, StringComparison.Ordinal) && names.Contains(child.Name[..^UseRecord.Suffix.Length])))
            {
                yield return Leftover(child, sizes);
            }
        }
    }

    private static (KeptItem Item, ToolsFolderKind Kind, long Bytes, int Files) Leftover(FileSystemInfo entry, TreeSize sizes)
    {
        var (bytes, freed, files) = sizes.Of(entry.FullName);
        return (new KeptItem(ToolsFolderKind.Leftovers, entry.FullName, bytes, freed, entry.LastWriteTimeUtc, UseRecorded: false), ToolsFolderKind.Leftovers, bytes, files);
    }

    private static FileSystemInfo[] Children(DirectoryInfo folder)
    {
        try
        {
            return folder.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
