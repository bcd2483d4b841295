using M1Env.Core.Installers.Pip;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Installers.Pip;

public class PipArgumentsTests
{
    [Fact]
    public void Passes_every_source_as_its_own_argument()
    {
        var sources = new PackageSourceSettings("http://127.0.0.1:5000/simple/", ["https://extra/simple"], ["/wheels"], Offline: false);
        var arguments = PipArguments.Install(sources, [new PipRequirement("jax", ["cpu"], "==0.4.30")]);

        Assert.Equal(
            ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
             "--index-url", "http://127.0.0.1:5000/simple/", "--extra-index-url", "https://extra/simple", "--find-links", "/wheels", "jax[cpu]==0.4.30"],
            arguments);
    }

    [Fact]
    public void Offline_uses_only_the_local_folders()
    {
        var sources = new PackageSourceSettings("http://127.0.0.1:5000/simple/", [], ["/wheels"], Offline: true);
        var arguments = PipArguments.Install(sources, [new PipRequirement("a", [], "")]);

        Assert.Contains("--no-index", arguments);
        Assert.DoesNotContain("--index-url", arguments);
        Assert.Equal("/wheels", arguments[arguments.ToList().IndexOf("--find-links") + 1]);
    }

    [Fact]
    public void A_damaged_pip_at_the_bundled_wheel_s_version_is_reinstalled_from_that_wheel()
    {
        const string Wheel = "/usr/share/python-wheels/pip-23.0.1-py3-none-any.whl";
        var damaged = new[] { new M1Env.Core.State.StampedDistribution("pip", "23.0.1"), new M1Env.Core.State.StampedDistribution("six", "1.16.0") };

        Assert.Equal([Wheel, "six==1.16.0"], PipArguments.Reinstall(PackageSourceSettings.Default, damaged, Wheel).TakeLast(2));
        Assert.Equal(["pip==23.0.1", "six==1.16.0"], PipArguments.Reinstall(PackageSourceSettings.Default, damaged, "/py/pip-24.2-py3-none-any.whl").TakeLast(2));
        Assert.Equal(["pip==23.0.1", "six==1.16.0"], PipArguments.Reinstall(PackageSourceSettings.Default, damaged).TakeLast(2));
    }
}
