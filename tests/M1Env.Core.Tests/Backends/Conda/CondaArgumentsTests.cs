using M1Env.Core.Backends.Conda;
using M1Env.Core.Python;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>
/// The contract with the real tools: every argument list M1Env builds is the one whose output was
/// recorded from conda 23.7.4 and micromamba 1.5.12 (Fixtures/README.md), plus the options that make a
/// build reproducible (strict channel priority, no default packages), which both tools accept.
/// </summary>
public class CondaArgumentsTests
{
    private const string Prefix = "/Users/dev/ml/.m1env/demo";
    private static readonly string[] Channel = ["file:///Users/dev/channel"];

    [Fact]
    public void Conda_create_is_quiet_json_and_ignores_condarc_channels() =>
        Assert.Equal(
            ["create", "-p", Prefix, "-y", "--json", "-q", "--override-channels", "--strict-channel-priority", "-c", Channel[0], "--no-default-packages", "pkga=1.0"],
            CondaArguments.Create(CondaCommandLine.Conda, Prefix, Channel, ["pkga=1.0"]));

    [Fact]
    public void Micromamba_gets_no_quiet_flag_and_no_default_packages_option() =>
        Assert.Equal(
            ["create", "-p", Prefix, "-y", "--json", "--override-channels", "--strict-channel-priority", "-c", Channel[0], "pkga=1.0"],
            CondaArguments.Create(CondaCommandLine.Libmamba, Prefix, Channel, ["pkga=1.0"]));

    [Fact]
    public void Install_keeps_channels_in_their_order_and_can_force_a_reinstall() =>
        Assert.Equal(
            ["install", "-p", Prefix, "-y", "--json", "-q", "--override-channels", "--strict-channel-priority", "-c", "conda-forge", "-c", "pytorch", "--force-reinstall", "pkga 2.0 h0_0"],
            CondaArguments.Install(CondaCommandLine.Conda, Prefix, ["conda-forge", "pytorch"], ["pkga 2.0 h0_0"], forceReinstall: true));

    [Fact]
    public void Remove_takes_no_channel_options_which_micromamba_refuses() =>
        Assert.Equal(["remove", "-p", Prefix, "-y", "--json", "pkgc"], CondaArguments.Remove(CondaCommandLine.Libmamba, Prefix, ["pkgc"]));

    [Fact]
    public void A_locked_removal_is_forced_so_no_solver_runs() =>
        Assert.Equal(["remove", "-p", Prefix, "-y", "--json", "-q", "--force", "pkgc"], CondaArguments.Remove(CondaCommandLine.Conda, Prefix, ["pkgc"], force: true));

    [Fact]
    public void A_lock_is_installed_into_an_existing_prefix_as_an_explicit_file() =>
        Assert.Equal(
            [["install", "-p", Prefix, "-y", "--json", "-q", "--file", "/l.txt"], ["install", "-p", Prefix, "-y", "--json", "-f", "/l.txt"]],
            new[] { CondaArguments.InstallFromExplicit(CondaCommandLine.Conda, Prefix, "/l.txt"), CondaArguments.InstallFromExplicit(CondaCommandLine.Libmamba, Prefix, "/l.txt") });

    [Theory]
    [InlineData(CondaFlavor.Micromamba, "1.5.12", CondaCommandLine.Libmamba)]
    [InlineData(CondaFlavor.Micromamba, "2.8.1", CondaCommandLine.Libmamba)]
    [InlineData(CondaFlavor.Mamba, "1.5.8", CondaCommandLine.Conda)]
    [InlineData(CondaFlavor.Mamba, "2.0.8", CondaCommandLine.Libmamba)]
    [InlineData(CondaFlavor.Mamba, "2.9.0", CondaCommandLine.Libmamba)]
    [InlineData(CondaFlavor.Mamba, "(unknown version)", CondaCommandLine.Libmamba)]
    [InlineData(CondaFlavor.Conda, "26.3.2", CondaCommandLine.Conda)]
    public void Mamba_2_speaks_micromambas_command_line_and_mamba_1_condas(CondaFlavor flavor, string version, CondaCommandLine dialect) =>
        Assert.Equal(dialect, new CondaTool("/x/" + flavor, flavor, version, null).CommandLine);

    [Fact]
    public void Mamba_2_gets_no_default_packages_option_which_it_rejects_with_exit_code_109() =>
        Assert.DoesNotContain(
            "--no-default-packages",
            CondaArguments.CreateDryRun(new CondaTool("/x/mamba", CondaFlavor.Mamba, "2.8.1", null).CommandLine, Prefix, Channel, ["pkga"]));

    [Fact]
    public void The_rerun_that_explains_a_failed_solve_is_the_same_solve_as_a_dry_run_without_json()
    {
        Assert.Equal(
            ["create", "--dry-run", "-p", Prefix, "-y", "--override-channels", "--strict-channel-priority", "-c", Channel[0], "nosuchpkg"],
            CondaArguments.ExplainingRerun(CondaArguments.CreateDryRun(CondaCommandLine.Libmamba, Prefix, Channel, ["nosuchpkg"])));
        Assert.Equal(
            ["install", "--dry-run", "-p", Prefix, "-y", "--override-channels", "--strict-channel-priority", "-c", Channel[0], "nosuchpkg"],
            CondaArguments.ExplainingRerun(CondaArguments.Install(CondaCommandLine.Libmamba, Prefix, Channel, ["nosuchpkg"])));
    }

    [Theory]
    [InlineData("3.11", "python 3.11.*")]
    [InlineData("3.11.7", "python==3.11.7")]
    [InlineData("3", "python 3.*")]
    public void Python_requests_become_match_specs(string request, string spec)
    {
        Assert.True(PythonRequest.TryParse(request, out var python));
        Assert.Equal(spec, CondaArguments.PythonSpec(python));
    }
}
