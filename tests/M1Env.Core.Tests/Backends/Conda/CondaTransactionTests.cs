using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Tests.Backends.Conda;

public sealed class CondaTransactionTests
{
    private const string Channel = "file:///Users/dev/channel";

    private static CondaTransaction Parse(string tool, string step)
    {
        var fixture = CondaFixture.Load(tool, step);
        Assert.Equal(0, fixture.ExitCode);
        Assert.Equal(string.Empty, fixture.StandardError);
        return CondaResults.TransactionOf(fixture.ToResult(), "demo");
    }

    private static string[] Dists(IEnumerable<CondaPackageRef> packages) => packages.Select(p => p.DistName).ToArray();

    [Theory]
    [InlineData(CondaFixture.Conda, "create")]
    [InlineData(CondaFixture.Conda, "create-progress")]
    [InlineData(CondaFixture.Micromamba, "create")]
    public void Create_links_and_fetches_pkga_1(string tool, string step)
    {
        var transaction = Parse(tool, step);

        Assert.True(transaction.Success);
        Assert.False(transaction.DryRun);
        Assert.Equal("/Users/dev/ml/.m1env/demo", transaction.Prefix);
        var link = Assert.Single(transaction.Link);
        Assert.Equal(new CondaPackageRef("pkga", "1.0", "h0_0", Channel, "noarch"), link with { Url = null, Md5 = null, Sha256 = null });
        Assert.Empty(transaction.Unlink);
        var fetch = Assert.Single(transaction.Fetch);
        Assert.Equal(("pkga-1.0-h0_0", Channel, "noarch"), (fetch.DistName, fetch.Channel, fetch.Subdir));
        Assert.Equal($"{Channel}/noarch/pkga-1.0-h0_0.tar.bz2", fetch.Url);
        Assert.Equal("9b064bf8cb6b1de93b400f21d2541f68", fetch.Md5);
        Assert.Equal("01f965b22f1d322e99357aff7ad200124e45db9f0282cc805ffdd5ea5bca3ed4", fetch.Sha256);
    }

    [Fact]
    public void Conda_link_entries_are_short_and_micromamba_ones_whole_records()
    {
        var conda = Parse(CondaFixture.Conda, "create").Link[0];
        var micromamba = Parse(CondaFixture.Micromamba, "create").Link[0];

        Assert.Null(conda.Url);
        Assert.Null(conda.Md5);
        Assert.Equal($"{Channel}/noarch/pkga-1.0-h0_0.tar.bz2", micromamba.Url);
        Assert.Equal("9b064bf8cb6b1de93b400f21d2541f68", micromamba.Md5);
        Assert.Equal(conda, micromamba with { Url = null, Md5 = null, Sha256 = null });
    }

    [Theory]
    [InlineData(CondaFixture.Conda, "install")]
    [InlineData(CondaFixture.Conda, "install-progress")]
    [InlineData(CondaFixture.Micromamba, "install")]
    public void Install_upgrades_pkga_and_adds_pkgb_and_pkgc(string tool, string step)
    {
        var transaction = Parse(tool, step);

        Assert.True(transaction.Success);
        Assert.Equal(["pkga-2.0-h0_0", "pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], Dists(transaction.Link));
        Assert.Equal(["pkga-1.0-h0_0"], Dists(transaction.Unlink));
        Assert.Equal(["pkga-2.0-h0_0", "pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], Dists(transaction.Fetch).Order(StringComparer.Ordinal));
        Assert.All(transaction.Link.Concat(transaction.Unlink).Concat(transaction.Fetch), p => Assert.Equal((Channel, "noarch"), (p.Channel, p.Subdir)));
        Assert.EndsWith("pkgc-0.1-h0_0.conda", transaction.Fetch.Single(p => p.Name == "pkgc").Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CondaFixture.Conda)]
    [InlineData(CondaFixture.Micromamba)]
    public void A_dry_run_plans_pkgc_with_its_dependencies(string tool)
    {
        var transaction = Parse(tool, "create-dry-run");

        Assert.True(transaction.Success);
        Assert.True(transaction.DryRun);
        Assert.Equal("/Users/dev/ml/.m1env/demo2", transaction.Prefix);
        Assert.Equal(["pkga-2.0-h0_0", "pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], Dists(transaction.Link));
        Assert.Equal(3, transaction.Fetch.Count);
    }

    [Theory]
    [InlineData(CondaFixture.Conda)]
    [InlineData(CondaFixture.Micromamba)]
    public void Remove_unlinks_pkgc_and_the_pkgb_only_it_needed(string tool)
    {
        var transaction = Parse(tool, "remove");

        Assert.True(transaction.Success);
        Assert.False(transaction.DryRun);
        Assert.Empty(transaction.Link);
        Assert.Empty(transaction.Fetch);
        Assert.Equal(["pkgc-0.1-h0_0", "pkgb-1.0-h0_0"], Dists(transaction.Unlink));
        Assert.All(transaction.Unlink, p => Assert.Equal(Channel, p.Channel));
    }

    [Fact]
    public void Micromamba_remove_has_no_fetch_key_and_conda_an_empty_one()
    {
        Assert.DoesNotContain("FETCH", CondaFixture.Load(CondaFixture.Micromamba, "remove").StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"FETCH\": []", CondaFixture.Load(CondaFixture.Conda, "remove").StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CondaFixture.Conda, "install-missing")]
    [InlineData(CondaFixture.Conda, "create-unsatisfiable")]
    [InlineData(CondaFixture.Micromamba, "install-missing")]
    [InlineData(CondaFixture.Micromamba, "create-unsatisfiable")]
    public void An_error_result_parses_as_a_failed_empty_transaction(string tool, string step)
    {
        var transaction = CondaTransaction.Parse(CondaFixture.Load(tool, step).StandardOutput);

        Assert.NotNull(transaction);
        Assert.False(transaction.Success);
        Assert.True(transaction.IsEmpty);
        Assert.Empty(transaction.Fetch);
    }

    [Fact]
    public void Nothing_to_do_is_a_success_with_conda_message()
    {
        var transaction = CondaTransaction.Parse("{\n  \"message\": \"All requested packages already installed.\",\n  \"success\": true\n}\n");

        Assert.NotNull(transaction);
        Assert.True(transaction.Success);
        Assert.True(transaction.IsEmpty);
        Assert.Equal("All requested packages already installed.", transaction.Message);
    }

    [Fact]
    public void Missing_keys_are_tolerated_and_names_come_from_dist_name_or_fn()
    {
        const string stdout = """
            {"actions": {"LINK": [{"dist_name": "python-dateutil-2.8.2-pyhd8ed1ab_0", "base_url": "https://conda.anaconda.org/conda-forge", "platform": "noarch"},
                                  {"fn": "numpy-1.26.4-py311h.conda", "channel": "https://conda.anaconda.org/conda-forge/osx-arm64"},
                                  {"name": "nameless"}, 42, null],
                         "UNLINK": null},
             "success": true}
            """;

        var transaction = CondaTransaction.Parse(stdout)!;

        Assert.Equal(
            [new CondaPackageRef("python-dateutil", "2.8.2", "pyhd8ed1ab_0", "conda-forge", "noarch"), new CondaPackageRef("numpy", "1.26.4", "py311h", "conda-forge", "osx-arm64")],
            transaction.Link);
        Assert.Empty(transaction.Unlink);
        Assert.False(transaction.DryRun);
        Assert.Null(transaction.Prefix);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(0, "{\n  \"actions\": {\n    \"LINK\": [")]
    [InlineData(0, "Traceback (most recent call last):\n  File \"conda/cli/main.py\"\n")]
    [InlineData(1, "")]
    public void No_successful_result_throws_conda_command_failed(int exitCode, string stdout)
    {
        var result = new ProcessResult("conda install -p /p --json", exitCode, stdout, stdout.Split('\n'));

        var error = Assert.Throws<M1EnvException>(() => CondaResults.TransactionOf(result, "demo"));

        Assert.Equal(ErrorCodes.CondaCommandFailed, error.Code);
        Assert.Contains("'demo'", error.Message, StringComparison.Ordinal);
        Assert.Equal("$ conda install -p /p --json", error.ToolOutput[0]);
    }
}
