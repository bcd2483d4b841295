using M1Env.Core.Installers.Pip;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Installers.Pip;

public class PipResolveArgumentsTests
{
    private static readonly PackageSourceSettings Sources = new("http://127.0.0.1:5000/simple/", [], [], Offline: false);

    [Fact]
    public void This_python_resolves_with_no_platform_option()
    {
        var arguments = PipResolveArguments.Resolve(["-m", "pip"], Sources, [new PipRequirement("jax", ["cpu"], "==0.4.30")], PipResolveTarget.ThisPython, "/t/report.json", "/t/target", null);

        Assert.Equal(
            ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
             "--dry-run", "--ignore-installed", "--quiet", "--report", "/t/report.json",
             "--index-url", "http://127.0.0.1:5000/simple/", "jax[cpu]==0.4.30"],
            arguments);
    }

    [Fact]
    public void Another_platform_takes_only_wheels_of_its_tags_python_and_abi_with_the_target_pip_demands()
    {
        var arguments = PipResolveArguments.Resolve(["/t/script.py"], Sources, [new PipRequirement("a", [], "")], PipResolveTarget.Foreign(LockPlatform.WinX64, "3.12"), "/t/report.json", "/t/target", "/t/constraints.txt");
        var text = string.Join(" ", arguments);

        Assert.Contains("--target /t/target --platform win_amd64 --python-version 3.12 --implementation cp --abi cp312 --only-binary=:all:", text, StringComparison.Ordinal);
        Assert.Contains("--constraint /t/constraints.txt", text, StringComparison.Ordinal);
        Assert.Equal("/t/script.py", arguments[0]);
        Assert.Equal("a", arguments[^1]);
    }

    [Fact]
    public void Resolving_by_installing_installs_into_the_env_that_runs_pip_and_reports_it()
    {
        var arguments = PipResolveArguments.InstallAndReport(Sources, [new PipRequirement("m1-alpha", [], "==2.0")], "/t/report.json", "/t/constraints.txt");

        Assert.Equal(
            ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "--report", "/t/report.json",
             "--constraint", "/t/constraints.txt", "--index-url", "http://127.0.0.1:5000/simple/", "m1-alpha==2.0"],
            arguments);
    }

    [Fact]
    public void Pins_become_constraint_lines_except_those_to_update()
    {
        var pins = new Dictionary<string, string> { ["Zeta_Pkg"] = "2.0", ["alpha"] = "1.0+local", ["numpy"] = "1.26.4" };

        Assert.Equal("alpha==1.0+local\nzeta-pkg==2.0\n", PipResolveArguments.Constraints(pins, ["NumPy"]));
        Assert.Equal(string.Empty, PipResolveArguments.Constraints(new Dictionary<string, string>(), []));
    }

    [Theory]
    [InlineData("a", "1.0\n--index-url=http://evil/")]
    [InlineData("a", "")]
    [InlineData("-r x", "1.0")]
    public void A_pin_that_is_not_a_name_and_a_version_is_refused(string name, string version) =>
        Assert.Throws<ArgumentException>(() => PipResolveArguments.Constraints(new Dictionary<string, string> { [name] = version }, []));
}
