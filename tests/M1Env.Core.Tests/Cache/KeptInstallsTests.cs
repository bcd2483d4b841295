using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>
/// What a kept install links into a new env once its files may have changed: one edited since it was
/// kept is never linked again (the next install keeps a new one), one restored elsewhere with other
/// times is still taken when its content is whole.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeptInstallsTests : IDisposable
{
    private const string Key = "m1-demo-key";

    private static readonly Dictionary<string, byte[]> HowInstalled = new() { ["REQUESTED"] = [] };

    private readonly TempDirectory temp = new("m1env-kept-installs");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    private KeptInstalls Kept(string tools = "tools") => new(temp.Combine(tools, "installs"), log, new FileLinker(LinkMode.Auto, log));

    /// <summary>What pip installed into a first env, kept.</summary>
    private DemoDistribution KeptFromFirstEnv(KeptInstalls kept, string name = "first")
    {
        var first = DemoDistribution.Write(temp.Combine(name));
        kept.Keep(Key, first.Prefix, first.SitePackages, DemoDistribution.DistInfo, first.EnvPython);
        Assert.True(kept.Has(Key));
        return first;
    }

    private DemoDistribution NewEnv(string name) => new(temp.CreateSubdirectory(name));

    private bool Plant(KeptInstalls kept, DemoDistribution env) => kept.TryPlant(Key, env.Prefix, env.SitePackages, env.EnvPython, HowInstalled);

    private static string KeptFile(KeptInstalls kept, string relative) => Path.Combine(kept.FolderFor(Key), relative);

    [Ext4TempFact]
    public async Task On_a_file_system_that_cannot_clone_auto_hard_links_the_kept_files()
    {
        var kept = Kept();
        KeptFromFirstEnv(kept);
        var second = NewEnv("second");

        Assert.True(Plant(kept, second));

        Assert.Equal(await FileInode.OfAsync(KeptFile(kept, DemoDistribution.Module)), await FileInode.OfAsync(second.PathOf(DemoDistribution.Module)));
    }

    [Theory]
    [InlineData("def answer():\n    return 41\n")]
    [InlineData("def answer():\n    return 42\n# edited\n")]
    public void A_kept_file_edited_since_it_was_kept_is_not_linked_and_the_next_install_keeps_it_anew(string edited)
    {
        var kept = Kept();
        KeptFromFirstEnv(kept);
        File.WriteAllText(KeptFile(kept, DemoDistribution.Module), edited);
        var second = NewEnv("second");

        Assert.False(Plant(kept, second));

        Assert.False(File.Exists(second.PathOf(DemoDistribution.Module)));
        Assert.False(Directory.Exists(kept.FolderFor(Key)));
        Assert.Contains(log.Lines, line => line.StartsWith("warning ", StringComparison.Ordinal) && line.Contains("changed in place", StringComparison.Ordinal));

        // pip installs it into the second env instead, and that install is kept.
        DemoDistribution.Write(second.Prefix);
        kept.Keep(Key, second.Prefix, second.SitePackages, DemoDistribution.DistInfo, second.EnvPython);
        var third = NewEnv("third");
        Assert.True(Plant(kept, third));
        Assert.Equal(DemoDistribution.ModuleSource, File.ReadAllText(third.PathOf(DemoDistribution.Module)));
    }

    [Fact]
    public void Byte_code_changed_since_it_was_kept_is_told_by_the_hash_recorded_when_it_was_kept()
    {
        var kept = Kept();
        KeptFromFirstEnv(kept);
        var byteCode = KeptFile(kept, DemoDistribution.ByteCode);
        File.WriteAllBytes(byteCode, [0x55, 0x0d, 0x0d, 0x0a, 9, 9, 9, 9]);

        Assert.False(Plant(kept, NewEnv("second")));
        Assert.False(Directory.Exists(kept.FolderFor(Key)));
    }

    [Fact]
    public void A_kept_folder_restored_elsewhere_with_whole_second_times_is_taken_and_checked_once()
    {
        KeptFromFirstEnv(Kept());
        var restored = Kept("restored");
        CopyTree(Kept().FolderFor(Key), restored.FolderFor(Key));
        var second = NewEnv("second");

        Assert.True(Plant(restored, second));
        Assert.True(Plant(restored, NewEnv("third")));

        Assert.Equal(DemoDistribution.ModuleSource, File.ReadAllText(second.PathOf(DemoDistribution.Module)));
        Assert.Single(log.Lines, line => line.Contains("were whole with other times", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kept_install_of_an_older_m1env_without_its_files_facts_is_dropped()
    {
        var kept = Kept();
        KeptFromFirstEnv(kept);
        var manifest = KeptFile(kept, "kept.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        json.Remove("files");
        File.WriteAllText(manifest, json.ToJsonString());

        Assert.False(Plant(kept, NewEnv("second")));
        Assert.False(Directory.Exists(kept.FolderFor(Key)));
    }

    /// <summary>A copy as a cache restore or an untar makes one: new files, with times cut to the whole second.</summary>
    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            var time = File.GetLastWriteTimeUtc(file);
            File.SetLastWriteTimeUtc(target, time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(-1));
        }
    }
}
