using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>What micromamba and mamba 2.8.1 recorded, and mamba 2.9's derived shapes, read by the parsers.</summary>
public sealed class Libmamba2OutputTests
{
    private static CondaTransaction Transaction(string tool, string step) =>
        CondaResults.TransactionOf(CondaFixture.Load(tool, step).ToResult(), "demo");

    private static string[] Dists(IEnumerable<CondaPackageRef> packages) => packages.Select(p => p.DistName).ToArray();

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    [InlineData(CondaFixture.Mamba29)]
    public void Install_links_the_new_builds_and_unlinks_pkga_1(string tool)
    {
        var transaction = Transaction(tool, "install");

        Assert.Equal(["pkga-2.0-h0_0", "pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], Dists(transaction.Link));
        Assert.Equal(["pkga-1.0-h0_0"], Dists(transaction.Unlink));
        Assert.Equal("/Users/dev/ml/.m1env/demo", transaction.Prefix);
        Assert.All(transaction.Link, p => Assert.Equal("file:///Users/dev/channel", p.Channel));
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    [InlineData(CondaFixture.Mamba29)]
    public void Create_and_its_dry_run_link_what_they_name(string tool)
    {
        Assert.Equal(["pkga-1.0-h0_0"], Dists(Transaction(tool, "create").Link));
        var dryRun = Transaction(tool, "create-dry-run");
        Assert.True(dryRun.DryRun);
        Assert.Equal(["pkga-2.0-h0_0", "pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], Dists(dryRun.Link));
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    [InlineData(CondaFixture.Mamba29)]
    public void Remove_unlinks_pkgc_and_pkgb(string tool)
    {
        var transaction = Transaction(tool, "remove");

        Assert.Equal(["pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], Dists(transaction.Unlink).Order(StringComparer.Ordinal));
        Assert.Empty(transaction.Link);
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    public void Explicit_files_link_their_builds_with_the_listed_md5(string tool)
    {
        var created = Transaction(tool, "create-explicit");
        var installed = Transaction(tool, "install-explicit");

        Assert.Equal(["pkga-1.0-h0_0", "pkgd-1.0-h0_0"], Dists(created.Link));
        Assert.Equal("/Users/dev/ml/.m1env/demo3", created.Prefix);
        var pkgb = Assert.Single(installed.Link);
        Assert.Equal(("pkgb-1.0-h0_0", "file:///Users/dev/channel/noarch/pkgb-1.0-h0_0.tar.bz2"), (pkgb.DistName, pkgb.Url));
        Assert.Matches("^[0-9a-f]{32}$", pkgb.Md5);
        Assert.Empty(installed.Unlink);
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    [InlineData(CondaFixture.Mamba29)]
    public void A_failed_explicit_create_is_no_transaction(string tool)
    {
        var fixture = CondaFixture.Load(tool, "create-explicit-hash-mismatch");

        Assert.False(CondaTransaction.Parse(fixture.StandardOutput)!.Success);
        var error = Assert.Throws<M1EnvException>(() => CondaResults.TransactionOf(fixture.ToResult(), "demo4"));
        Assert.Equal(ErrorCodes.LockHashMismatch, error.Code);
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    [InlineData(CondaFixture.Mamba29)]
    public void List_reads_the_three_packages_with_their_urls(string tool)
    {
        var packages = CondaListParser.Parse(CondaFixture.Load(tool, "list").StandardOutput);

        Assert.NotNull(packages);
        Assert.Equal(["pkga-2.0-h0_0", "pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], Dists(packages));
        Assert.Equal("file:///Users/dev/channel/noarch/pkgc-0.1-h0_0.conda", packages[2].Url);
    }

    [Fact]
    public void A_2_9_listing_is_read_from_packages_even_when_log_history_holds_records()
    {
        const string stdout = """
            {
                "log_history": [{"level": "warning", "message": "pkgs_dirs not writable", "source": "libmamba"}],
                "packages": [{"base_url": "file:///c", "build_string": "h0_0", "channel": "file:///c", "name": "pkga", "platform": "noarch", "version": "2.0"}]
            }
            """;

        var packages = CondaListParser.Parse(stdout);

        Assert.Equal(["pkga-2.0-h0_0"], Dists(packages!));
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2, "/Users/dev/.local/share/mamba/pkgs")]
    [InlineData(CondaFixture.Mamba2, "/Users/dev/miniforge3/pkgs")]
    [InlineData(CondaFixture.Mamba29, "/Users/dev/miniforge3/pkgs")]
    public void Info_names_the_package_cache(string tool, string cache)
    {
        Assert.Equal([cache], CondaInfo.PackageCaches(CondaFixture.Load(tool, "info").StandardOutput));
    }

    [Fact]
    public void Condas_info_names_pkgs_dirs()
    {
        Assert.Equal(["/opt/conda/pkgs", "/Users/dev/.conda/pkgs"], CondaInfo.PackageCaches("""{"pkgs_dirs": ["/opt/conda/pkgs", "/Users/dev/.conda/pkgs"], "platform": "osx-arm64"}"""));
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2, CondaFlavor.Micromamba, "/Users/dev/.m1env/bin/micromamba")]
    [InlineData(CondaFixture.Mamba2, CondaFlavor.Mamba, "/Users/dev/miniforge3/bin/mamba")]
    public void Version_reads_2_8_1(string tool, CondaFlavor flavor, string executable)
    {
        var version = CondaVersion.Parse(CondaFixture.Load(tool, "version").StandardOutput, executable);

        Assert.Equal(new CondaVersion(flavor, "2.8.1"), version);
    }
}
