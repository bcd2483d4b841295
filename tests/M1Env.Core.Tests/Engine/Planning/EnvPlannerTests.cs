using M1Env.Core.Backends;
using M1Env.Core.Engine.Planning;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Inspection;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Tests.Engine.Planning;

public class EnvPlannerTests
{
    private const string Prefix = "/work/.m1env/demo";
    private const string SitePackages = Prefix + "/lib/python3.11/site-packages";

    private static readonly PythonInterpreter Python311 = new("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython");
    private static readonly PythonInterpreter Python312 = new("/usr/bin/python3.12", "3.12.1", "x86_64", "cpython");

    private static readonly PrefixFacts NoPrefix = new(false, true, false, false);
    private static readonly PrefixFacts OurVenv = new(true, false, true, true);
    private static readonly PrefixFacts ForeignVenv = new(true, false, true, false);

    private static EnvSpec Spec(params PipRequirement[] packages) =>
        new("demo", EnvKind.Venv, new PythonRequest(3, 11, null), Prefix, packages, PackageSourceSettings.Default);

    private static PipRequirement Pip(string name, string specifier = "") => new(name, [], specifier);

    private static InstalledDistribution Dist(string name, string version, bool requested = true, string[]? requires = null, string[]? missing = null) =>
        new(name, name, version, "pip", requested, null, $"{SitePackages}/{name}-{version}.dist-info",
            requires ?? [], [], missing ?? []) { UnconditionalRequires = requires ?? [] };

    private static InstalledEnv Disk(params InstalledDistribution[] distributions) => new(
        Prefix,
        new VenvConfig("/usr/bin", "3.11.2", "/usr/bin/python3.11", $"/usr/bin/python3.11 -m venv {Prefix}", false),
        SitePackages,
        Prefix + "/bin",
        InterpreterResolves: true,
        [Dist("pip", "23.0.1", requested: false), .. distributions],
        []);

    private static readonly InstalledEnv Nothing = new(Prefix, null, null, null, false, [], []);

    private static EnvStamp Stamp(bool complete, string hash, PythonInterpreter interpreter, PipRequirement[] declared, InstalledDistribution[] installed, bool created = true) =>
        new(EnvStamp.CurrentSchema, complete, created, "1.0.0", hash, new EnvOwner("/work/env.proj", "demo"), Prefix, "3.11", interpreter, "sources",
            declared.Select(p => new StampedPackage(p.NormalizedName, p.ToRequirementString())).ToArray(),
            [new StampedDistribution("pip", "23.0.1"), .. installed.Select(d => new StampedDistribution(d.Name, d.Version))]);

    private static EnvPlan Plan(EnvSpec spec, EnvStamp? stamp, InstalledEnv disk, PrefixFacts? facts = null, PythonInterpreter? interpreter = null, string hash = "h", string? location = Prefix) =>
        EnvPlanner.Plan(new PlanInputs(spec, interpreter ?? Python311, hash, "sources", "1.0.0", Prefix, stamp is null ? location : stamp.Location, stamp, facts ?? OurVenv, disk));

    [Fact]
    public void Creates_an_env_that_does_not_exist()
    {
        var plan = Plan(Spec(Pip("a")), null, Nothing, NoPrefix);
        Assert.Equal(PlanAction.Create, plan.Action);
        Assert.Equal(["a"], plan.Install.Select(p => p.Name));
    }

    [Fact]
    public void Does_nothing_when_the_stamp_and_the_disk_agree()
    {
        var a = Dist("a", "1.0");
        var plan = Plan(Spec(Pip("a", "==1.0")), Stamp(true, "h", Python311, [Pip("a", "==1.0")], [a]), Disk(a));
        Assert.Equal(PlanAction.UpToDate, plan.Action);
        Assert.False(plan.ChangesPackages);
    }

    [Fact]
    public void A_package_for_another_platform_is_neither_installed_nor_missing_here()
    {
        var elsewhere = M1Env.Core.Packaging.LockPlatform.All.First(p => p != M1Env.Core.Packaging.LockPlatform.Current);
        var metal = Pip("fakemetal", "==1.1.0") with { AppliesOn = new PackagePlatforms([elsewhere], null) };
        var spec = Assert.Single(SpecBuilder.Build(
            [new EnvDeclaration(EnvKind.Venv, "demo", "3.11", Prefix)],
            [new PackageDeclaration("a", "1.0", null), new PackageDeclaration("fakemetal", "1.1.0", null) { Platforms = elsewhere.Name }],
            new SpecContext("/work", "/work/.m1env", PackageSourceSettings.Default, "/work/tools")).Envs);
        var a = Dist("a", "1.0");

        Assert.Equal(["a", "fakemetal"], spec.DeclaredPipPackages.Select(p => p.Name));
        Assert.Equal(["a"], Plan(spec, null, Nothing, NoPrefix).Install.Select(p => p.Name));
        var upToDate = Plan(spec, Stamp(true, "h", Python311, [.. spec.PipPackages], [a]), Disk(a));
        Assert.Equal(PlanAction.UpToDate, upToDate.Action);
        Assert.False(upToDate.ChangesPackages);
        Assert.Equal(metal.ToDeclaredString(), spec.DeclaredPipPackages[1].ToDeclaredString());
    }

    [Fact]
    public void Two_pips_of_a_killed_upgrade_keep_the_declared_one_reinstalled_and_lose_the_other_dist_info()
    {
        var plan = Plan(Spec(Pip("pip", "==22.0.4")), null, Disk(Dist("pip", "22.0.4", requested: false)));

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal([$"{SitePackages}/pip-23.0.1.dist-info"], plan.Leftovers);
        Assert.Equal(["pip==22.0.4"], plan.Reinstall.Select(d => $"{d.Name}=={d.Version}"));
        Assert.Empty(plan.Install);
        Assert.Empty(plan.Uninstall);
    }

    [Fact]
    public void A_changed_pin_reinstalls_only_that_package()
    {
        var (a, b) = (Dist("a", "1.0"), Dist("b", "1.0"));
        var stamp = Stamp(true, "old", Python311, [Pip("a", "==1.0"), Pip("b", "==1.0")], [a, b]);
        var plan = Plan(Spec(Pip("a", "==1.0"), Pip("b", "==2.0")), stamp, Disk(a, b), hash: "new");

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(["b==2.0"], plan.Install.Select(p => p.ToRequirementString()));
        Assert.Empty(plan.Uninstall);
        Assert.Contains("b==1.0 changed to b==2.0", plan.Reasons);
    }

    [Fact]
    public void A_changed_pin_that_the_installed_version_satisfies_costs_no_pip()
    {
        var a = Dist("a", "1.4");
        var plan = Plan(Spec(Pip("a", ">=1.0,<2")), Stamp(true, "old", Python311, [Pip("a", "==1.4")], [a]), Disk(a), hash: "new");

        Assert.Equal(PlanAction.RefreshStamp, plan.Action);
        Assert.Contains("a==1.4 changed to a>=1.0,<2; the installed 1.4 satisfies it", plan.Details);
        Assert.DoesNotContain(plan.Reasons, r => r.Contains("a==1.4", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pin_dropped_where_the_installed_version_stays_is_no_step_beside_a_real_change()
    {
        // The case: the stamp holds the lock's pins; only setuptools' pin really changed.
        var (jsonpatch, toml, setuptools) = (Dist("jsonpatch", "1.32"), Dist("toml", "0.10.2"), Dist("setuptools", "69.0.0"));
        var stamp = Stamp(true, "old", Python311, [Pip("jsonpatch", "==1.32"), Pip("toml", "==0.10.2"), Pip("setuptools", "==69.0.0")], [jsonpatch, toml, setuptools]);
        var plan = Plan(Spec(Pip("jsonpatch"), Pip("toml"), Pip("setuptools", "==70.0.0")), stamp, Disk(jsonpatch, toml, setuptools), hash: "new");

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(["setuptools==70.0.0"], plan.Install.Select(p => p.ToRequirementString()));
        Assert.Equal(["setuptools==69.0.0 changed to setuptools==70.0.0"], plan.Reasons);
        Assert.Contains("jsonpatch==1.32 changed to jsonpatch; the installed 1.32 satisfies it", plan.Details);
        Assert.DoesNotContain(PlanReport.Describe(Spec(), plan, PlanBackends.For(Spec())), line => line.Contains("jsonpatch", StringComparison.Ordinal) || line.Contains("toml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pin_dropped_where_the_installed_version_stays_only_refreshes_the_stamp()
    {
        var jsonpatch = Dist("jsonpatch", "1.32");
        var plan = Plan(Spec(Pip("jsonpatch")), Stamp(true, "old", Python311, [Pip("jsonpatch", "==1.32")], [jsonpatch]), Disk(jsonpatch), hash: "new");

        Assert.Equal(PlanAction.RefreshStamp, plan.Action);
        Assert.False(plan.ChangesPackages);
        Assert.Equal(["matches its declaration (requirements changed, and the installed versions satisfy them)"], plan.Reasons);
    }

    [Fact]
    public void A_removed_package_is_uninstalled_and_an_added_one_installed()
    {
        var (a, old) = (Dist("a", "1.0"), Dist("old-pkg", "1.0"));
        var plan = Plan(Spec(Pip("a"), Pip("new")), Stamp(true, "old", Python311, [Pip("a"), Pip("Old_Pkg")], [a, old]), Disk(a, old), hash: "new");

        Assert.Equal(["new"], plan.Install.Select(p => p.Name));
        Assert.Equal(["old-pkg"], plan.Uninstall);
        Assert.Contains("new was added", plan.Reasons);
        Assert.Contains("old-pkg was removed from the declaration", plan.Reasons);
    }

    [Fact]
    public void A_removed_package_that_another_one_needs_is_kept()
    {
        var (numpy, pandas) = (Dist("numpy", "2.0"), Dist("pandas", "2.2", requires: ["numpy"]));
        var stamp = Stamp(true, "old", Python311, [Pip("numpy"), Pip("pandas")], [numpy, pandas]);
        var plan = Plan(Spec(Pip("pandas")), stamp, Disk(numpy, pandas), hash: "new");

        Assert.Empty(plan.Uninstall);
        Assert.Contains("numpy is not declared, but pandas needs it: kept", plan.Details);
        Assert.DoesNotContain(plan.Reasons, r => r.Contains("numpy", StringComparison.Ordinal));
    }

    [Fact]
    public void Dropping_a_declared_pip_never_uninstalls_the_envs_own_pip()
    {
        var stamp = Stamp(true, "old", Python311, [Pip("pip", "==23.0.1")], []);
        var plan = Plan(Spec(), stamp, Disk(), hash: "new");
        Assert.Empty(plan.Uninstall);
    }

    [Fact]
    public void A_package_uninstalled_or_repinned_by_hand_is_reinstalled_with_that_reason()
    {
        var (a, b) = (Dist("a", "1.0"), Dist("b", "1.0"));
        var stamp = Stamp(true, "h", Python311, [Pip("a", "==1.0"), Pip("b", "==1.0")], [a, b]);

        var uninstalled = Plan(Spec(Pip("a", "==1.0"), Pip("b", "==1.0")), stamp, Disk(b));
        Assert.Equal(["a==1.0"], uninstalled.Install.Select(p => p.ToRequirementString()));
        Assert.Contains("a==1.0 is not installed any more (removed by hand?)", uninstalled.Reasons);

        var repinned = Plan(Spec(Pip("a", "==1.0"), Pip("b", "==1.0")), stamp, Disk(a, Dist("b", "2.0")));
        Assert.Equal(["b==1.0"], repinned.Install.Select(p => p.ToRequirementString()));
        Assert.Contains("b 2.0 is installed, which is not b==1.0 (changed by hand?)", repinned.Reasons);
    }

    [Fact]
    public void A_package_with_missing_files_is_reinstalled_at_its_version()
    {
        var a = Dist("a", "1.0");
        var plan = Plan(Spec(Pip("a", "==1.0")), Stamp(true, "h", Python311, [Pip("a", "==1.0")], [a]), Disk(Dist("a", "1.0", missing: ["a/core.py"])));

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal([new StampedDistribution("a", "1.0")], plan.Reinstall);
        Assert.Contains("a 1.0 is damaged (a/core.py is missing): reinstalling it", plan.Reasons);
    }

    [Fact]
    public void A_package_installed_by_hand_is_removed()
    {
        var a = Dist("a", "1.0");
        var plan = Plan(Spec(Pip("a")), Stamp(true, "h", Python311, [Pip("a")], [a]), Disk(a, Dist("extra", "3.0", requested: false)));

        Assert.Equal(["extra"], plan.Uninstall);
        Assert.Contains("extra 3.0 is installed but neither declared nor a dependency (installed by hand?)", plan.Reasons);
    }

    [Fact]
    public void A_missing_or_changed_dependency_has_pip_repair_the_declared_packages()
    {
        var (a, dep) = (Dist("a", "1.0", requires: ["dep"]), Dist("dep", "1.0", requested: false));
        var stamp = Stamp(true, "h", Python311, [Pip("a")], [a, dep]);

        var missing = Plan(Spec(Pip("a")), stamp, Disk(a));
        Assert.Equal(["a"], missing.Install.Select(p => p.Name));
        Assert.Contains("the dependency dep 1.0 is missing (removed by hand?)", missing.Reasons);

        var changed = Plan(Spec(Pip("a")), stamp, Disk(a, Dist("dep", "0.9", requested: false)));
        Assert.Contains("the dependency dep changed from 1.0 to 0.9 (by hand?)", changed.Reasons);
    }

    [Fact]
    public void Without_a_stamp_an_env_that_matches_is_recorded_without_pip()
    {
        var (a, dep) = (Dist("a", "1.0", requires: ["dep"]), Dist("dep", "1.0", requested: false));
        var plan = Plan(Spec(Pip("a", "==1.0")), null, Disk(a, dep));

        Assert.Equal(PlanAction.RefreshStamp, plan.Action);
        Assert.False(plan.ChangesPackages);
        Assert.Equal(["matches its declaration (checked on disk: there was no stamp)"], plan.Reasons);
    }

    [Fact]
    public void Without_a_stamp_a_requested_package_that_is_not_declared_is_removed_and_a_missing_dependency_repaired()
    {
        var plan = Plan(Spec(Pip("a")), null, Disk(Dist("a", "1.0", requires: ["dep"]), Dist("b", "1.0")));

        Assert.Equal(["b"], plan.Uninstall);
        Assert.Equal(["a"], plan.Install.Select(p => p.Name));
        Assert.Contains("dep, which a needs, is not installed", plan.Reasons);
    }

    [Fact]
    public void Pips_leftovers_are_removed()
    {
        var a = Dist("a", "1.0");
        var disk = Disk(a) with { Leftovers = [SitePackages + "/~1_alpha"] };
        var plan = Plan(Spec(Pip("a")), Stamp(true, "h", Python311, [Pip("a")], [a]), disk);

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal([SitePackages + "/~1_alpha"], plan.Leftovers);
    }

    [Fact]
    public void A_new_interpreter_recreates_the_env()
    {
        var plan = Plan(Spec(Pip("a")), Stamp(true, "old", Python311, [Pip("a")], []), Disk(), interpreter: Python312, hash: "new");
        Assert.Equal(PlanAction.Recreate, plan.Action);
        Assert.Equal(["a"], plan.Install.Select(p => p.Name));
        Assert.Contains("3.12.1", plan.Reasons.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_moved_or_copied_env_is_made_again()
    {
        var stamp = Stamp(true, "h", Python311, [], []) with { Location = "/elsewhere/.m1env/demo" };
        var plan = Plan(Spec(), stamp, Disk());

        Assert.Equal(PlanAction.Recreate, plan.Action);
        Assert.StartsWith("the environment was moved or copied here from /elsewhere/.m1env/demo", plan.Reasons.Single(), StringComparison.Ordinal);

        var withoutStamp = Plan(Spec(), null, Disk(), location: "/elsewhere/.m1env/demo");
        Assert.Equal(PlanAction.Recreate, withoutStamp.Action);
    }

    [Fact]
    public void An_env_stopped_while_being_made_or_with_a_dangling_interpreter_is_made_again()
    {
        var halfMade = Plan(Spec(), Stamp(false, "h", Python311, [], [], created: false), Disk());
        Assert.Equal(PlanAction.Recreate, halfMade.Action);
        Assert.Equal(["a build was stopped while it was making the environment"], halfMade.Reasons);

        var dangling = Plan(Spec(), Stamp(true, "h", Python311, [], []), Disk() with { InterpreterResolves = false });
        Assert.Equal(PlanAction.Recreate, dangling.Action);
    }

    [Fact]
    public void An_interrupted_build_is_repaired_including_removals()
    {
        var a = Dist("a", "1.0");
        var interrupted = Stamp(false, "pending", Python311, [Pip("a"), Pip("gone")], []);
        var plan = Plan(Spec(Pip("a"), Pip("b")), interrupted, Disk(a, Dist("gone", "1.0")));

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(["b"], plan.Install.Select(p => p.Name));
        Assert.Equal(["gone"], plan.Uninstall);
    }

    [Fact]
    public void Without_a_stamp_the_venv_config_tells_which_interpreter_made_it()
    {
        var madeBy312 = Disk() with { Config = Disk().Config! with { Version = "3.12.1", Home = "/opt/python3.12/bin" } };
        Assert.Equal(PlanAction.Recreate, Plan(Spec(), null, madeBy312).Action);
    }

    [Fact]
    public void Never_deletes_a_folder_it_did_not_make()
    {
        var foreignFolder = new PrefixFacts(true, false, false, false);
        Assert.Equal(ErrorCodes.PrefixNotAnEnvironment, Assert.Throws<M1EnvException>(() => Plan(Spec(), null, Nothing, foreignFolder)).Code);

        var foreignMoved = Assert.Throws<M1EnvException>(() => Plan(Spec(), null, Disk(), ForeignVenv, location: "/elsewhere"));
        Assert.Equal(ErrorCodes.PrefixNotAnEnvironment, foreignMoved.Code);
        Assert.Contains("M1Env did not make", foreignMoved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adopts_an_empty_folder_or_a_compatible_venv()
    {
        Assert.Equal(PlanAction.Create, Plan(Spec(), null, Nothing, new PrefixFacts(true, true, false, false)).Action);
        Assert.Equal(PlanAction.RefreshStamp, Plan(Spec(), null, Disk(), ForeignVenv).Action);
    }

    [Fact]
    public void A_prefix_a_stopped_build_was_making_is_remade_whatever_it_holds()
    {
        // The marker outside the prefix makes it M1Env's: a conda env half-linked, or a folder with a few files.
        var halfMadeCondaEnv = new PrefixFacts(true, false, true, false) { BeingMade = true };
        var plan = Plan(Spec(), null, Disk(), halfMadeCondaEnv, location: null);
        Assert.Equal(PlanAction.Recreate, plan.Action);
        Assert.Equal("a build was stopped while it was making the environment", plan.Reasons[0]);

        var halfMadeFolder = new PrefixFacts(true, false, false, false) { BeingMade = true };
        Assert.Equal(PlanAction.Recreate, Plan(Spec(), null, Nothing, halfMadeFolder).Action);

        // Nothing was made before the build stopped: an ordinary creation.
        Assert.Equal(PlanAction.Create, Plan(Spec(), null, Nothing, new PrefixFacts(false, true, false, false) { BeingMade = true }).Action);
    }

    [Fact]
    public void A_conda_meta_that_cannot_be_trusted_remakes_an_env_M1Env_made_and_refuses_a_foreign_one()
    {
        var twoRecords = Disk() with { CondaMetaProblems = ["its conda-meta holds 2 records of pkga (1.0=0, 2.0=0)"] };
        var plan = Plan(Spec(), null, twoRecords);
        Assert.Equal(PlanAction.Recreate, plan.Action);
        Assert.Contains("2 records of pkga", plan.Reasons[0], StringComparison.Ordinal);

        Assert.Equal(ErrorCodes.PrefixNotAnEnvironment, Assert.Throws<M1EnvException>(() => Plan(Spec(), null, twoRecords, ForeignVenv)).Code);
    }
}
