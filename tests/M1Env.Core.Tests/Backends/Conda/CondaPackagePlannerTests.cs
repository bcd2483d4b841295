using M1Env.Core.Backends;
using M1Env.Core.Backends.Conda;
using M1Env.Core.Engine.Planning;
using M1Env.Core.Inspection;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;
using M1Env.Core.Tests.Engine.Planning;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>The conda half of the plan, through the same planner the venvs use.</summary>
public class CondaPackagePlannerTests
{
    private const string Prefix = "/work/.m1env/ml-m1";
    private const string SitePackages = Prefix + "/lib/python3.11/site-packages";

    private static readonly PythonInterpreter EnvPython = new(Prefix + "/bin/python3.11", "3.11.7", "arm64", "cpython");
    private static readonly PrefixFacts OurEnv = new(true, false, true, true);

    private static EnvSpec Spec(CondaRequirement[] conda, PipRequirement[]? pip = null, string python = "3.11") =>
        new("ml-m1", EnvKind.Conda, PythonRequest.TryParse(python, out var request) ? request : throw new ArgumentException(python), Prefix, pip ?? [], PackageSourceSettings.Default)
        {
            CondaPackages = conda,
            Channels = ["conda-forge"],
        };

    private static CondaRequirement Conda(string name, string version = "") => new(name, version, null);

    private static InstalledCondaPackage Package(string name, string version, string[]? depends = null, string[]? missing = null) =>
        new(name, version, "h0_0", "conda-forge", "osx-arm64", string.Empty, string.Empty, null, null, depends ?? [], missing ?? []);

    private static readonly InstalledCondaPackage Python = Package("python", "3.11.7");
    private static readonly InstalledCondaPackage PipPackage = Package("pip", "24.0", ["python >=3.8"]);

    private static InstalledEnv Disk(InstalledCondaPackage[] conda, InstalledDistribution[]? pip = null) =>
        new(Prefix, null, SitePackages, Prefix + "/bin", InterpreterResolves: true, pip ?? [], [])
        {
            CondaPackages = [Python, PipPackage, .. conda],
            PythonVersion = "3.11.7",
        };

    private static EnvStamp Stamp(CondaRequirement[] declared, InstalledCondaPackage[] installed) =>
        new(EnvStamp.CurrentSchema, true, true, "1.0.0", "h", new EnvOwner("/work/env.proj", "ml-m1"), Prefix, "3.11", EnvPython, "sources", [], [])
        {
            CondaPackages = declared.Select(p => new StampedPackage(p.Name, p.ToMatchSpec())).ToArray(),
            CondaInstalled = new[] { Python, PipPackage }.Concat(installed).Select(p => new StampedDistribution(p.Name, $"{p.Version}={p.Build}")).ToArray(),
        };

    private static EnvPlan Plan(EnvSpec spec, EnvStamp? stamp, InstalledEnv disk, PythonInterpreter? interpreter = null) =>
        EnvPlanner.Plan(new PlanInputs(spec, interpreter ?? EnvPython, "h", "sources", "1.0.0", Prefix, Prefix, stamp, OurEnv, disk) { PlanNative = CondaPackagePlanner.Plan });

    [Fact]
    public void A_new_conda_env_is_created_with_every_conda_and_pip_package()
    {
        var plan = EnvPlanner.Plan(new PlanInputs(
            Spec([Conda("numpy")], [new PipRequirement("tensorflow", [], "==2.16.1")]), null, "h", "s", "1.0.0", Prefix, null, null,
            new PrefixFacts(false, true, false, false), new InstalledEnv(Prefix, null, null, null, false, [], [])));

        Assert.Equal(PlanAction.Create, plan.Action);
        Assert.Equal(["numpy"], plan.CondaInstall.Select(p => p.Name));
        Assert.Equal(["tensorflow"], plan.Install.Select(p => p.Name));
    }

    [Fact]
    public void Matching_conda_packages_mean_nothing_to_do()
    {
        var numpy = Package("numpy", "1.26.4", ["python >=3.11,<3.12.0a0"]);
        var spec = Spec([Conda("numpy", "==1.26.4")]);
        var plan = Plan(spec, Stamp(spec.CondaPackages.ToArray(), [numpy]), Disk([numpy]));

        Assert.Equal(PlanAction.UpToDate, plan.Action);
        Assert.False(plan.ChangesPackages);
    }

    [Fact]
    public void A_changed_pin_installs_only_that_spec_with_a_reason()
    {
        var (numpy, pandas) = (Package("numpy", "1.26.4"), Package("pandas", "2.2.2", ["numpy >=1.22"]));
        var before = new[] { Conda("numpy", "==1.26.4"), Conda("pandas") };
        var plan = Plan(Spec([Conda("numpy", "==2.0.1"), Conda("pandas")]), Stamp(before, [numpy, pandas]), Disk([numpy, pandas]));

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(["numpy==2.0.1"], plan.CondaInstall.Select(p => p.ToMatchSpec()));
        Assert.Empty(plan.CondaRemove);
        Assert.Contains("conda: numpy==1.26.4 changed to numpy==2.0.1", plan.Reasons);
    }

    [Fact]
    public void A_loosened_pin_that_the_installed_version_meets_changes_nothing_in_the_env()
    {
        var numpy = Package("numpy", "1.26.4");
        var plan = Plan(Spec([Conda("numpy", ">=1.26,<2")]), Stamp([Conda("numpy", "==1.26.4")], [numpy]), Disk([numpy]));

        Assert.False(plan.ChangesCondaPackages);
        Assert.Contains(plan.Details, r => r.Contains("the installed 1.26.4 satisfies it", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Reasons, r => r.Contains("numpy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_removed_package_is_removed_unless_a_remaining_package_needs_it()
    {
        var numpy = Package("numpy", "1.26.4");
        var pandas = Package("pandas", "2.2.2", ["numpy >=1.22.4", "python_abi 3.11.* *_cp311"]);
        var jupyter = Package("jupyter", "1.0.0");
        var stamp = Stamp([Conda("numpy"), Conda("pandas"), Conda("jupyter")], [numpy, pandas, jupyter]);

        var plan = Plan(Spec([Conda("pandas")]), stamp, Disk([numpy, pandas, jupyter]));

        Assert.Equal(["jupyter"], plan.CondaRemove);
        Assert.Contains("conda: numpy is not declared, but pandas needs it: kept", plan.Details);
    }

    [Fact]
    public void A_package_installed_by_hand_is_removed_and_one_changed_by_hand_is_put_back()
    {
        var numpy = Package("numpy", "1.26.4");
        var stamp = Stamp([Conda("numpy", "==1.26.4")], [numpy]);

        var plan = Plan(Spec([Conda("numpy", "==1.26.4")]), stamp, Disk([Package("numpy", "2.1.0"), Package("requests", "2.32.3")]));

        Assert.Equal(["numpy==1.26.4"], plan.CondaInstall.Select(p => p.ToMatchSpec()));
        Assert.Equal(["requests"], plan.CondaRemove);
        Assert.Contains("conda: numpy 2.1.0 is installed, which is not numpy==1.26.4 (changed by hand?)", plan.Reasons);
    }

    [Fact]
    public void A_damaged_package_is_reinstalled_at_its_own_version_and_build()
    {
        var numpy = Package("numpy", "1.26.4", missing: ["lib/python3.11/site-packages/numpy/__init__.py"]);
        var plan = Plan(Spec([Conda("numpy")]), Stamp([Conda("numpy")], [Package("numpy", "1.26.4")]), Disk([numpy]));

        Assert.Equal([new StampedDistribution("numpy", "1.26.4=h0_0")], plan.CondaRepair);
        Assert.Empty(plan.CondaInstall);
    }

    [Fact]
    public void Another_python_than_declared_makes_the_env_again()
    {
        var plan = Plan(Spec([Conda("numpy")], python: "3.12"), Stamp([Conda("numpy")], []), Disk([]));

        Assert.Equal(PlanAction.Recreate, plan.Action);
        Assert.Contains("it has Python 3.11.7, and the declaration asks for Python 3.12", plan.Reasons);
        Assert.Equal(["numpy"], plan.CondaInstall.Select(p => p.Name));
    }

    [Fact]
    public void Pip_never_touches_what_conda_installed()
    {
        var condaNumpy = new InstalledDistribution("numpy", "numpy", "1.26.4", "conda", false, null, SitePackages + "/numpy-1.26.4.dist-info", [], [], []);
        var stamp = Stamp([], []) with { Installed = [], PipPackages = [] };

        var plan = Plan(Spec([]), stamp, Disk([Package("numpy", "1.26.4")], [condaNumpy]));

        Assert.Empty(plan.Uninstall);
        Assert.Contains("numpy", plan.CondaRemove);
    }

    [Fact]
    public void A_conda_env_whose_python_is_gone_is_made_again()
    {
        var disk = Disk([]) with { InterpreterResolves = false };
        var plan = EnvPlanner.Plan(new PlanInputs(Spec([]), null, "h", "s", "1.0.0", Prefix, Prefix, Stamp([], []), OurEnv, disk));
        Assert.Equal(PlanAction.Recreate, plan.Action);
    }

    [Fact]
    public void The_plan_report_says_what_would_change_and_why()
    {
        var numpy = Package("numpy", "1.26.4");
        var spec = Spec([Conda("numpy", "==2.0.1")], [new PipRequirement("tensorflow", [], "==2.16.1")]);
        var plan = Plan(spec, Stamp([Conda("numpy", "==1.26.4")], [numpy]), Disk([numpy]));

        var lines = PlanReport.Describe(spec, plan, PlanBackends.For(spec));

        Assert.Equal($"M1Env plan for 'ml-m1' (conda env at {Prefix}): change its packages.", lines[0]);
        Assert.Contains("  because conda: numpy==1.26.4 changed to numpy==2.0.1", lines);
        Assert.Contains("  conda install: numpy==2.0.1 (channels: conda-forge)", lines);
        Assert.Contains("  pip install: tensorflow==2.16.1", lines);
    }
}
