using System.Security.Cryptography;
using System.Text.Json;

namespace M1Env.Testing.Tests;

public sealed class CondaChannelBuilderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Repodata_lists_each_package_with_the_md5_sha256_and_size_of_its_file()
    {
        var channel = new CondaChannelBuilder(temp.Combine("channel"))
            .AddNoarch("pkga", "1.0")
            .AddNoarch("pkga", "2.0")
            .AddNoarch("pkgb", "1.0", depends: ["pkga >=1.0,<3"])
            .Build();

        var records = CondaRepodata.Read(channel.RepodataPath(CondaSubdir.Noarch));
        Assert.Equal(["pkga-1.0-0.tar.bz2", "pkga-2.0-0.tar.bz2", "pkgb-1.0-0.tar.bz2"], records.Keys.Order(StringComparer.Ordinal));
        foreach (var (fileName, record) in records)
        {
            var bytes = File.ReadAllBytes(Path.Combine(channel.SubdirDirectory(CondaSubdir.Noarch), fileName));
            Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), record.Md5);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), record.Sha256);
            Assert.Equal(bytes.LongLength, record.Size);
            Assert.Equal(CondaSubdir.Noarch, record.Subdir);
            Assert.Equal(CondaNoarch.Generic, record.Noarch);
        }

        Assert.Equal(["pkga >=1.0,<3"], records["pkgb-1.0-0.tar.bz2"].Depends);
        var marker = TarArchive.ReadBzip2(Path.Combine(channel.SubdirDirectory(CondaSubdir.Noarch), "pkga-2.0-0.tar.bz2"))
            .Text(CondaChannelBuilder.MarkerPath("pkga"));
        Assert.Equal("pkga 2.0\n", marker);
    }

    [Fact]
    public void Noarch_and_the_machine_subdir_both_get_repodata_with_info_subdir_and_empty_packages_conda()
    {
        var channel = new CondaChannelBuilder(temp.Combine("channel"))
            .AddNoarch("pkga", "1.0")
            .Build();

        Assert.Equal(CondaSubdir.Current, channel.Subdir);
        Assert.StartsWith("file:///", channel.Url, StringComparison.Ordinal);
        foreach (var subdir in new[] { CondaSubdir.Noarch, CondaSubdir.Current })
        {
            using var repodata = JsonDocument.Parse(File.ReadAllBytes(channel.RepodataPath(subdir)));
            var root = repodata.RootElement;
            Assert.Equal(subdir, root.GetProperty("info").GetProperty("subdir").GetString());
            Assert.Empty(root.GetProperty("packages.conda").EnumerateObject());
            Assert.Equal(subdir == CondaSubdir.Noarch ? 1 : 0, root.GetProperty("packages").EnumerateObject().Count());
        }
    }

    [Fact]
    public void A_package_for_the_machine_subdir_is_filed_there_without_a_noarch_key()
    {
        var channel = new CondaChannelBuilder(temp.Combine("channel"))
            .Add(new CondaPackageSpec("native", "1.0") { Noarch = CondaNoarch.None, Build = "h0_0" })
            .Build();

        var path = channel.RepodataPath(CondaSubdir.Current);
        using var repodata = JsonDocument.Parse(File.ReadAllBytes(path));
        var record = repodata.RootElement.GetProperty("packages").GetProperty("native-1.0-h0_0.tar.bz2");
        Assert.False(record.TryGetProperty("noarch", out _));
        Assert.Equal(CondaSubdir.Current, record.GetProperty("subdir").GetString());
        Assert.True(File.Exists(Path.Combine(channel.SubdirDirectory(CondaSubdir.Current), "native-1.0-h0_0.tar.bz2")));
    }

    [Fact]
    public void A_package_built_elsewhere_is_copied_in_and_listed()
    {
        var built = CondaPackageBuilder.Build(temp.CreateSubdirectory("elsewhere"), new CondaPackageSpec("pkgc", "1.0"));

        var channel = new CondaChannelBuilder(temp.Combine("channel")).AddBuilt(built).Build();

        var copy = Assert.Single(channel.Packages);
        Assert.Equal(Path.Combine(channel.SubdirDirectory(CondaSubdir.Noarch), "pkgc-1.0-0.tar.bz2"), copy.Path);
        Assert.Equal(built.Record, CondaRepodata.Read(channel.RepodataPath(CondaSubdir.Noarch))["pkgc-1.0-0.tar.bz2"] with { Depends = built.Record.Depends });
    }
}
