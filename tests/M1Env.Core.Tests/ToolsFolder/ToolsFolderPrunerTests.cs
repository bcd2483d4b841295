using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.ToolsFolder;
using M1Env.Testing;

namespace M1Env.Core.Tests.ToolsFolder;

/// <summary>
/// Prune removes the kept items no build used in N days, judged by their use record or, without one,
/// by when they were written; it leaves what was used since, the managed Pythons and Miniforge; a dry
/// run removes nothing.
/// </summary>
public sealed class ToolsFolderPrunerTests : IDisposable
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private readonly TempDirectory temp = new("m1env-prune");
    private readonly DateTime now = DateTime.UtcNow;

    public void Dispose() => temp.Dispose();

    private string Tools(params string[] parts) => temp.Combine(["tools", .. parts]);

    /// <summary>A kept item with one file of <paramref name="bytes"/>, used <paramref name="usedDaysAgo"/> days ago (null: no use record), its folder written <paramref name="writtenDaysAgo"/> days ago.</summary>
    private string Folder(string relative, int bytes, int? usedDaysAgo, int writtenDaysAgo = 0)
    {
        var folder = Directory.CreateDirectory(Tools(relative)).FullName;
        File.WriteAllBytes(Path.Combine(folder, "file.bin"), new byte[bytes]);
        Directory.SetLastWriteTimeUtc(folder, now.AddDays(-writtenDaysAgo));
        if (usedDaysAgo is { } days)
        {
            UseRecord.Record(folder, now.AddDays(-days));
        }

        return folder;
    }

    private (string Old, string Recent, string Unrecorded, string UnrecordedRecent, string OldVenv, string OldProbe, string OldPython, string OldMiniforge) Populate()
    {
        var probe = Tools("probes", "0123456789abcdef.json");
        Directory.CreateDirectory(Tools("probes"));
        File.WriteAllText(probe, "{}");
        File.SetLastWriteTimeUtc(probe, now.AddDays(-90));
        return (
            Folder(Path.Combine("installs", "cpython-3.11", "old-1.0-aaaa"), 1000, usedDaysAgo: 40, writtenDaysAgo: 400),
            Folder(Path.Combine("installs", "cpython-3.11", "recent-1.0-bbbb"), 2000, usedDaysAgo: 2, writtenDaysAgo: 400),
            Folder(Path.Combine("installs", "pip", "pip-24.0-py3.11-cccc"), 3000, usedDaysAgo: null, writtenDaysAgo: 45),
            Folder(Path.Combine("installs", "cpython-3.11", "fresh-1.0-dddd"), 4000, usedDaysAgo: null, writtenDaysAgo: 1),
            Folder(Path.Combine("venvs", "0011223344556677"), 5000, usedDaysAgo: 31),
            probe,
            Folder(Path.Combine("python", "cpython-3.11.9-linux-x86_64-gnu"), 6000, usedDaysAgo: null, writtenDaysAgo: 400),
            Folder("miniforge3", 7000, usedDaysAgo: null, writtenDaysAgo: 400));
    }

    [Fact]
    public void The_inventory_counts_each_kind_and_the_dry_run_lists_the_unused_items_and_removes_nothing()
    {
        var items = Populate();
        var inventory = ToolsFolderInventory.Read(Tools());

        Assert.Equal(1000 + 2000 + 4000, inventory.Kinds.Single(k => k.Kind == ToolsFolderKind.Installs).Bytes);
        Assert.Equal(3, inventory.Kinds.Single(k => k.Kind == ToolsFolderKind.Installs).Items);
        Assert.Equal(3000, inventory.Kinds.Single(k => k.Kind == ToolsFolderKind.PipSeeds).Bytes);
        Assert.Equal(6000, inventory.Kinds.Single(k => k.Kind == ToolsFolderKind.ManagedPythons).Bytes);
        Assert.Equal(7000, inventory.Kinds.Single(k => k.Kind == ToolsFolderKind.Miniforge).Bytes);
        Assert.DoesNotContain(inventory.Kinds, k => k.Kind == ToolsFolderKind.Leftovers);

        var due = ToolsFolderPruner.Unused(inventory, Month, now);

        Assert.Equal(new[] { items.Old, items.Unrecorded, items.OldVenv, items.OldProbe }.Order(), due.Select(i => i.Path).Order());
        Assert.False(due.Single(i => i.Path == items.Unrecorded).UseRecorded);
        Assert.All(due, item => Assert.True(Path.Exists(item.Path)));
    }

    [Fact]
    public void Prune_removes_the_unused_items_with_their_records_and_keeps_the_rest()
    {
        var items = Populate();
        var due = ToolsFolderPruner.Unused(ToolsFolderInventory.Read(Tools()), Month, now);

        var removed = ToolsFolderPruner.Remove(due, Month, now);

        Assert.Equal(4, removed.Count);
        Assert.Equal(1000 + 3000 + 5000 + 2, removed.Sum(i => i.FreedBytes));
        foreach (var gone in new[] { items.Old, items.Unrecorded, items.OldVenv, items.OldProbe })
        {
            Assert.False(Path.Exists(gone));
            Assert.False(File.Exists(UseRecord.PathOf(gone)));
        }

        foreach (var kept in new[] { items.Recent, items.UnrecordedRecent, items.OldPython, items.OldMiniforge })
        {
            Assert.True(Directory.Exists(kept));
        }

        // Nothing half-removed is left: no dot-named folder beside what was removed.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Tools("installs", "cpython-3.11"), ".*"));
        Assert.Empty(ToolsFolderPruner.Unused(ToolsFolderInventory.Read(Tools()), Month, now));
    }

    [Fact]
    public void An_item_a_build_used_after_it_was_listed_is_not_removed()
    {
        var items = Populate();
        var due = ToolsFolderPruner.Unused(ToolsFolderInventory.Read(Tools()), Month, now);
        UseRecord.Record(items.Old, now);

        var removed = ToolsFolderPruner.Remove(due, Month, now);

        Assert.DoesNotContain(items.Old, removed.Select(i => i.Path));
        Assert.True(Directory.Exists(items.Old));
    }

    [Fact]
    public void What_a_killed_prune_left_dot_named_is_a_leftover_the_next_prune_deletes()
    {
        var half = Folder(Path.Combine("installs", "cpython-3.11", ".old-1.0-aaaa.0123.removing"), 100, usedDaysAgo: null);

        var inventory = ToolsFolderInventory.Read(Tools());
        Assert.Equal(ToolsFolderKind.Leftovers, Assert.Single(inventory.Items).Kind);

        ToolsFolderPruner.Remove(ToolsFolderPruner.Unused(inventory, Month, now), Month, now);

        Assert.False(Directory.Exists(half));
    }

    [LinuxFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_file_an_env_also_holds_counts_as_its_size_but_is_not_freed()
    {
        var folder = Folder(Path.Combine("installs", "cpython-3.11", "linked-1.0-eeee"), 1000, usedDaysAgo: 40);
        Directory.CreateDirectory(temp.Combine("env"));
        Assert.True(HardLink.TryLink(Path.Combine(folder, "file.bin"), temp.Combine("env", "file.bin")));

        var item = Assert.Single(ToolsFolderInventory.Read(Tools()).Items);

        Assert.Equal(1000, item.Bytes);
        Assert.Equal(0, item.FreedBytes);
    }
}
