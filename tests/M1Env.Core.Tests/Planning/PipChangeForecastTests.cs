using M1Env.Core.Planning;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Tests.Planning;

/// <summary>Whether a declaration asks an env for a pip package its last complete build did not give it, from the stamp alone.</summary>
public sealed class PipChangeForecastTests
{
    private const string Prefix = "/work/.m1env/demo";

    private static EnvSpec Spec(params PipRequirement[] packages) =>
        new("demo", EnvKind.Venv, new PythonRequest(3, 11, null), Prefix, packages, PackageSourceSettings.Default);

    private static PipRequirement Pip(string name, string specifier = "") => new(name, [], specifier);

    /// <summary>A stamp as a locked build writes it: every locked package pinned to its version.</summary>
    private static EnvStamp Stamp(bool complete, params string[] requirements) =>
        new(EnvStamp.CurrentSchema, complete, true, "1.0.0", "h", new EnvOwner("/work/env.proj", "demo"), Prefix, "3.11",
            new PythonInterpreter("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython"), "sources",
            requirements.Select(r => new StampedPackage(r[..r.IndexOfAny(['=', '>', '<'])], r)).ToArray(), []);

    [Fact]
    public void An_added_package_or_a_pin_the_recorded_version_misses_is_expected_to_install()
    {
        var stamp = Stamp(true, "m1-alpha==1.0", "m1-beta==1.0");
        Assert.True(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha", "==1.0"), Pip("m1-beta", "==1.0"), Pip("m1-gamma")), stamp));
        Assert.True(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha", "==2.0"), Pip("m1-beta", "==1.0")), stamp));
        Assert.True(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha", ">=1.5")), stamp));
    }

    [Fact]
    public void What_the_recorded_versions_still_satisfy_or_a_removal_installs_nothing()
    {
        var stamp = Stamp(true, "m1-alpha==1.0", "m1-beta==1.0");
        Assert.False(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha", "==1.0"), Pip("m1-beta", "==1.0")), stamp));
        Assert.False(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha"), Pip("M1_Beta", ">=1.0,<2")), stamp));
        Assert.False(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-beta")), stamp));
    }

    [Fact]
    public void Without_a_complete_stamp_there_is_nothing_to_compare_with()
    {
        Assert.False(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha", "==2.0")), null));
        Assert.False(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha", "==2.0")), Stamp(false, "m1-alpha==1.0")));
    }

    [Fact]
    public void A_requirement_recorded_as_declared_is_compared_as_written()
    {
        var stamp = Stamp(true, "m1-alpha>=1.0");
        Assert.False(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha", ">=1.0")), stamp));
        Assert.True(PipChangeForecast.ExpectsInstall(Spec(Pip("m1-alpha", ">=2.0")), stamp));
    }
}
