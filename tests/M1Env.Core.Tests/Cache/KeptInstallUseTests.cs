using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.ToolsFolder;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>
/// A build that takes a kept install records the use beside it, at most once a day; a prune that
/// removes it while a build is about to take it leaves that build to pip.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeptInstallUseTests : IDisposable
{
    private static readonly string Key = Path.Combine("cpython-3.11", "m1_demo-1.0-0123456789abcdef");

    private static readonly Dictionary<string, byte[]> HowInstalled = new() { ["REQUESTED"] = [] };

    private readonly TempDirectory temp = new("m1env-kept-use");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    private KeptInstalls Kept() => new(temp.Combine("tools", "installs"), log, new FileLinker(LinkMode.Auto, log));

    private KeptInstalls KeptFromFirstEnv()
    {
        var kept = Kept();
        var first = DemoDistribution.Write(temp.Combine("first"));
        kept.Keep(Key, first.Prefix, first.SitePackages, DemoDistribution.DistInfo, first.EnvPython);
        return kept;
    }

    private bool Plant(KeptInstalls kept, string env)
    {
        var target = new DemoDistribution(temp.CreateSubdirectory(env));
        return kept.TryPlant(Key, target.Prefix, target.SitePackages, target.EnvPython, HowInstalled);
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_plant_records_the_use_beside_the_kept_install_and_nothing_of_it_goes_into_the_env()
    {
        var kept = KeptFromFirstEnv();
        var record = UseRecord.PathOf(kept.FolderFor(Key));
        File.Delete(record);
        UseRecord.ForgetWritten();

        Assert.True(Plant(kept, "second"));

        Assert.Equal(Today, File.ReadAllText(record));
        Assert.False(File.Exists(temp.Combine("second", "used")));
        Assert.Empty(Directory.EnumerateFiles(temp.Combine("second"), "*.used", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_second_plant_on_the_same_day_writes_nothing_even_from_another_process()
    {
        var kept = KeptFromFirstEnv();
        Assert.True(Plant(kept, "second"));
        var record = UseRecord.PathOf(kept.FolderFor(Key));
        var earlier = DateTime.UtcNow.AddDays(-2);
        File.SetLastWriteTimeUtc(record, earlier);

        Assert.True(Plant(kept, "third"));
        UseRecord.ForgetWritten(); // as a new build process would
        Assert.True(Plant(kept, "fourth"));

        Assert.Equal(earlier, File.GetLastWriteTimeUtc(record));
    }

    [Fact]
    public void A_use_recorded_on_an_earlier_day_is_written_anew()
    {
        var kept = KeptFromFirstEnv();
        var record = UseRecord.PathOf(kept.FolderFor(Key));
        File.WriteAllText(record, "2020-01-01");
        UseRecord.ForgetWritten();

        Assert.True(Plant(kept, "second"));

        Assert.Equal(Today, File.ReadAllText(record));
    }

    [Fact]
    public void A_kept_install_pruned_before_a_build_takes_it_is_installed_by_pip_and_nothing_of_it_is_left_in_the_env()
    {
        var kept = KeptFromFirstEnv();
        File.WriteAllText(UseRecord.PathOf(kept.FolderFor(Key)), "2020-01-01");
        var inventory = ToolsFolderInventory.Read(temp.Combine("tools"));

        var removed = ToolsFolderPruner.Remove(ToolsFolderPruner.Unused(inventory, TimeSpan.FromDays(30), DateTime.UtcNow), TimeSpan.FromDays(30), DateTime.UtcNow);

        Assert.Equal([kept.FolderFor(Key)], removed.Select(r => r.Path));
        Assert.False(Plant(kept, "second"));
        Assert.False(Directory.Exists(temp.Combine("second", "lib")));
        Assert.False(kept.Has(Key));
    }
}
