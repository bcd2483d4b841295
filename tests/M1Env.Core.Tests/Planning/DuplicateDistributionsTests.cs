using M1Env.Core.Inspection;
using M1Env.Core.Planning;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Planning;

public class DuplicateDistributionsTests
{
    private const string Prefix = "/work/.m1env/demo";
    private const string SitePackages = Prefix + "/lib/python3.11/site-packages";

    private static readonly PythonInterpreter Python311 = new("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython");

    private static InstalledDistribution Dist(string name, string version, string installer = "pip") =>
        new(name, name, version, installer, false, null, $"{SitePackages}/{name}-{version}.dist-info", [], [], []);

    private static InstalledEnv Disk(params InstalledDistribution[] distributions) => new(
        Prefix,
        new VenvConfig("/usr/bin", "3.11.2", "/usr/bin/python3.11", $"/usr/bin/python3.11 -m venv {Prefix}", false),
        SitePackages,
        Prefix + "/bin",
        InterpreterResolves: true,
        distributions,
        []);

    private static EnvSpec Spec(params PipRequirement[] packages) =>
        new("demo", EnvKind.Venv, new PythonRequest(3, 11, null), Prefix, packages, PackageSourceSettings.Default);

    private static EnvPlan Plan(EnvSpec spec, InstalledEnv disk) =>
        EnvPlanner.Plan(new PlanInputs(spec, Python311, "h", "sources", "1.0.0", Prefix, Prefix, null, new PrefixFacts(true, false, true, true), disk));

    [Fact]
    public void Two_pips_keep_the_declared_version_delete_the_other_dist_info_and_reinstall_it()
    {
        var plan = Plan(Spec(new PipRequirement("pip", [], "==22.0.4")), Disk(Dist("pip", "24.2"), Dist("pip", "22.0.4")));

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal([$"{SitePackages}/pip-24.2.dist-info"], plan.Leftovers);
        Assert.Equal(["pip==22.0.4"], plan.Reinstall.Select(d => $"{d.Name}=={d.Version}"));
        Assert.Empty(plan.Install);
        Assert.Contains(plan.Reasons, r => r.StartsWith("pip is installed twice (24.2 and 22.0.4", StringComparison.Ordinal));
    }

    [Fact]
    public void An_undeclared_duplicate_keeps_the_first_and_conda_s_own_are_left_to_conda()
    {
        var found = DuplicateDistributions.Find(Spec(), null, [Dist("pip", "23.2.1"), Dist("pip", "24.2"), Dist("six", "1.0", "conda"), Dist("six", "1.1", "conda")]);

        Assert.Equal("23.2.1", found.Kept["pip"].Version);
        Assert.Equal([$"{SitePackages}/pip-24.2.dist-info"], found.Delete);
        Assert.Equal(["pip"], found.Reinstall.Select(d => d.Name));
    }

    [Fact]
    public void One_dist_info_a_name_is_no_duplicate()
    {
        var found = DuplicateDistributions.Find(Spec(), null, [Dist("pip", "24.2"), Dist("six", "1.0")]);

        Assert.Empty(found.Kept);
        Assert.Empty(found.Delete);
        Assert.Empty(found.Reinstall);
    }
}
