using M1Env.Core.Errors;
using M1Env.Core.Planning;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Tests.Planning;

public class EnvPlannerTests
{
    private static readonly PythonInterpreter Python311 = new("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython");
    private static readonly PythonInterpreter Python312 = new("/usr/bin/python3.12", "3.12.1", "x86_64", "cpython");

    private static readonly PrefixFacts NoPrefix = new(false, true, false, false, null, null);
    private static readonly PrefixFacts OurVenv = new(true, false, true, true, "/usr/bin", "3.11.2");

    private static EnvSpec Spec(params PipRequirement[] packages) =>
        new("demo", EnvKind.Venv, new PythonRequest(3, 11, null), "/work/.m1env/demo", packages, PackageSourceSettings.Default);

    private static PipRequirement Pip(string name, string specifier = "") => new(name, [], specifier);

    private static EnvStamp Stamp(bool complete, string hash, PythonInterpreter interpreter, params PipRequirement[] packages) =>
        new(EnvStamp.CurrentSchema, complete, "1.0.0", hash, "demo", "3.11", interpreter,
            packages.Select(p => new StampedPackage(p.NormalizedName, p.ToRequirementString())).ToArray());

    [Fact]
    public void Creates_an_env_that_does_not_exist()
    {
        var plan = EnvPlanner.Plan(Spec(Pip("a")), Python311, "h", stamp: null, NoPrefix);
        Assert.Equal(PlanAction.Create, plan.Action);
        Assert.Equal(["a"], plan.Install.Select(p => p.Name));
    }

    [Fact]
    public void Does_nothing_when_the_hash_matches()
    {
        var plan = EnvPlanner.Plan(Spec(Pip("a")), Python311, "h", Stamp(true, "h", Python311, Pip("a")), OurVenv);
        Assert.Equal(PlanAction.UpToDate, plan.Action);
        Assert.Empty(plan.Install);
        Assert.Empty(plan.Uninstall);
    }

    [Fact]
    public void A_changed_pin_reinstalls_only_that_package()
    {
        var stamp = Stamp(true, "old", Python311, Pip("a", "==1.0"), Pip("b", "==1.0"), Pip("c"));
        var plan = EnvPlanner.Plan(Spec(Pip("a", "==1.0"), Pip("b", "==2.0"), Pip("c")), Python311, "new", stamp, OurVenv);

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(["b==2.0"], plan.Install.Select(p => p.ToRequirementString()));
        Assert.Empty(plan.Uninstall);
        Assert.Contains("b==1.0 changed to b==2.0", plan.Reasons);
    }

    [Fact]
    public void A_removed_package_is_uninstalled_and_an_added_one_installed()
    {
        var stamp = Stamp(true, "old", Python311, Pip("a"), Pip("Old_Pkg"));
        var plan = EnvPlanner.Plan(Spec(Pip("a"), Pip("new")), Python311, "new", stamp, OurVenv);

        Assert.Equal(["new"], plan.Install.Select(p => p.Name));
        Assert.Equal(["old-pkg"], plan.Uninstall);
    }

    [Fact]
    public void A_settings_only_change_just_refreshes_the_stamp()
    {
        var plan = EnvPlanner.Plan(Spec(Pip("a")), Python311, "new", Stamp(true, "old", Python311, Pip("a")), OurVenv);
        Assert.Equal(PlanAction.RefreshStamp, plan.Action);
    }

    [Fact]
    public void A_new_interpreter_recreates_the_env()
    {
        var plan = EnvPlanner.Plan(Spec(Pip("a")), Python312, "new", Stamp(true, "old", Python311, Pip("a")), OurVenv);
        Assert.Equal(PlanAction.Recreate, plan.Action);
        Assert.Equal(["a"], plan.Install.Select(p => p.Name));
        Assert.Contains("3.12.1", plan.Reasons.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_build_is_repaired_including_removals()
    {
        // The unfinished stamp lists what may be installed: the old and the new declaration together.
        var interrupted = Stamp(false, "pending", Python311, Pip("a"), Pip("gone"));
        var plan = EnvPlanner.Plan(Spec(Pip("a")), Python311, "h", interrupted, OurVenv);

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(["a"], plan.Install.Select(p => p.Name));
        Assert.Equal(["gone"], plan.Uninstall);
    }

    [Fact]
    public void After_clean_every_package_is_checked_and_the_env_kept()
    {
        var plan = EnvPlanner.Plan(Spec(Pip("a"), Pip("b")), Python311, "h", stamp: null, OurVenv);
        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(["a", "b"], plan.Install.Select(p => p.Name));
    }

    [Fact]
    public void Without_a_stamp_the_venv_config_tells_which_interpreter_made_it()
    {
        var madeBy312 = OurVenv with { VenvHome = "/usr/bin", VenvVersion = "3.12.1" };
        Assert.Equal(PlanAction.Recreate, EnvPlanner.Plan(Spec(), Python311, "h", null, madeBy312).Action);
    }

    [Fact]
    public void Never_deletes_a_folder_it_did_not_make()
    {
        var foreignFolder = new PrefixFacts(true, false, false, false, null, null);
        var error = Assert.Throws<M1EnvException>(() => EnvPlanner.Plan(Spec(), Python311, "h", null, foreignFolder));
        Assert.Equal(ErrorCodes.PrefixNotAnEnvironment, error.Code);

        var foreignVenv = new PrefixFacts(true, false, true, false, "/opt/python", "3.10.4");
        Assert.Equal(ErrorCodes.PrefixNotAnEnvironment, Assert.Throws<M1EnvException>(() => EnvPlanner.Plan(Spec(), Python311, "h", null, foreignVenv)).Code);
    }

    [Fact]
    public void Adopts_an_empty_folder_or_a_compatible_venv()
    {
        Assert.Equal(PlanAction.Create, EnvPlanner.Plan(Spec(), Python311, "h", null, new PrefixFacts(true, true, false, false, null, null)).Action);
        var compatible = new PrefixFacts(true, false, true, false, "/usr/bin", "3.11.2");
        Assert.Equal(PlanAction.RefreshStamp, EnvPlanner.Plan(Spec(), Python311, "h", null, compatible).Action);
    }
}
