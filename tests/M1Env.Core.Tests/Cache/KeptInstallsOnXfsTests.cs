using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>
/// Kept installs on a real file system that clones (XFS with reflink, mounted from an image): every
/// env's files are its own, so an edit in one env changes neither the kept copy nor any other env.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeptInstallsOnXfsTests(XfsImage xfs) : IClassFixture<XfsImage>
{
    private const string Key = "m1-demo-key";

    private readonly RecordingProvisionLog log = new();

    private DemoDistribution Plant(KeptInstalls kept, string name)
    {
        var env = new DemoDistribution(Directory.CreateDirectory(xfs.Combine(name)).FullName);
        Assert.True(kept.TryPlant(Key, env.Prefix, env.SitePackages, env.EnvPython, new Dictionary<string, byte[]>()));
        return env;
    }

    [XfsFact]
    public async Task Envs_made_from_a_kept_install_share_no_file_with_it_or_with_each_other()
    {
        var kept = new KeptInstalls(xfs.Combine("tools", "installs"), log, new FileLinker(LinkMode.Auto, log));
        var first = DemoDistribution.Write(xfs.Combine("first"));
        kept.Keep(Key, first.Prefix, first.SitePackages, DemoDistribution.DistInfo, first.EnvPython);
        var keptModule = Path.Combine(kept.FolderFor(Key), DemoDistribution.Module);
        var second = Plant(kept, "second");
        var third = Plant(kept, "third");

        var modules = new[] { first.PathOf(DemoDistribution.Module), keptModule, second.PathOf(DemoDistribution.Module), third.PathOf(DemoDistribution.Module) };
        var inodes = await Task.WhenAll(modules.Select(FileInode.OfAsync));
        Assert.Equal(modules.Length, inodes.Distinct().Count());

        File.AppendAllText(second.PathOf(DemoDistribution.Module), "# patched in the second env\n");
        File.AppendAllText(first.PathOf(DemoDistribution.Module), "# patched in the first env\n");
        var fourth = Plant(kept, "fourth");

        Assert.All(
            new[] { keptModule, third.PathOf(DemoDistribution.Module), fourth.PathOf(DemoDistribution.Module) },
            module => Assert.Equal(DemoDistribution.ModuleSource, File.ReadAllText(module)));
        Assert.DoesNotContain(log.Lines, line => line.StartsWith("warning ", StringComparison.Ordinal) || line.Contains("cannot", StringComparison.Ordinal));
    }
}
