using M1Env.Core.Conda;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Conda;

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
            CondaArguments.Create(CondaFlavor.Conda, Prefix, Channel, ["pkga=1.0"]));

    [Fact]
    public void Micromamba_gets_no_quiet_flag_and_no_default_packages_option() =>
        Assert.Equal(
            ["create", "-p", Prefix, "-y", "--json", "--override-channels", "--strict-channel-priority", "-c", Channel[0], "pkga=1.0"],
            CondaArguments.Create(CondaFlavor.Micromamba, Prefix, Channel, ["pkga=1.0"]));

    [Fact]
    public void Install_keeps_channels_in_their_order_and_can_force_a_reinstall() =>
        Assert.Equal(
            ["install", "-p", Prefix, "-y", "--json", "-q", "--override-channels", "--strict-channel-priority", "-c", "conda-forge", "-c", "pytorch", "--force-reinstall", "pkga 2.0 h0_0"],
            CondaArguments.Install(CondaFlavor.Mamba, Prefix, ["conda-forge", "pytorch"], ["pkga 2.0 h0_0"], forceReinstall: true));

    [Fact]
    public void Remove_takes_no_channel_options_which_micromamba_refuses() =>
        Assert.Equal(["remove", "-p", Prefix, "-y", "--json", "pkgc"], CondaArguments.Remove(CondaFlavor.Micromamba, Prefix, ["pkgc"]));

    [Fact]
    public void A_locked_removal_is_forced_so_no_solver_runs() =>
        Assert.Equal(["remove", "-p", Prefix, "-y", "--json", "-q", "--force", "pkgc"], CondaArguments.Remove(CondaFlavor.Conda, Prefix, ["pkgc"], force: true));

    [Fact]
    public void A_lock_is_installed_into_an_existing_prefix_as_an_explicit_file() =>
        Assert.Equal(
            [["install", "-p", Prefix, "-y", "--json", "-q", "--file", "/l.txt"], ["install", "-p", Prefix, "-y", "--json", "-f", "/l.txt"]],
            new[] { CondaArguments.InstallFromExplicit(CondaFlavor.Conda, Prefix, "/l.txt"), CondaArguments.InstallFromExplicit(CondaFlavor.Micromamba, Prefix, "/l.txt") });

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
