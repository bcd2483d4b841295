using M1Env.Core.Engine.Planning;
using M1Env.Core.Inspection;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Engine.Planning;

public class DuplicateDistributionsTests
{
    private static InstalledDistribution Dist(string name, string version, string installer = "pip") =>
        new(name, name, version, installer, false, null, $"/site-packages/{name}-{version}.dist-info", [], [], []);

    private static readonly EnvSpec Declared = new("demo", EnvKind.Venv, new PythonRequest(3, 11, null), "/env", [new PipRequirement("pip", [], "==22.0.4")], PackageSourceSettings.Default);

    [Fact]
    public void The_declared_version_is_kept_and_reinstalled_and_the_other_dist_info_deleted()
    {
        var found = DuplicateDistributions.Find(Declared, null, [Dist("pip", "24.2"), Dist("pip", "22.0.4")]);

        Assert.Equal("22.0.4", found.Kept["pip"].Version);
        Assert.Equal(["/site-packages/pip-24.2.dist-info"], found.Delete);
        Assert.Equal(["pip==22.0.4"], found.Reinstall.Select(d => $"{d.Name}=={d.Version}"));
        Assert.Equal(["pip is installed twice (24.2 and 22.0.4; an upgrade was interrupted): keeping 22.0.4 and reinstalling it"], found.Reasons);
    }

    [Fact]
    public void An_undeclared_duplicate_keeps_the_recorded_version_else_the_first_and_conda_s_own_are_left_to_conda()
    {
        var undeclared = Declared with { PipPackages = [] };
        Assert.Equal("24.2", DuplicateDistributions.Find(undeclared, new Dictionary<string, string> { ["pip"] = "24.2" }, [Dist("pip", "23.2.1"), Dist("pip", "24.2")]).Kept["pip"].Version);

        var found = DuplicateDistributions.Find(undeclared, null, [Dist("pip", "23.2.1"), Dist("pip", "24.2"), Dist("six", "1.0", "conda"), Dist("six", "1.1", "conda")]);
        Assert.Equal("23.2.1", found.Kept["pip"].Version);
        Assert.Equal(["/site-packages/pip-24.2.dist-info"], found.Delete);
        Assert.Equal(["pip"], found.Reinstall.Select(d => d.Name));
    }

    [Fact]
    public void One_dist_info_a_name_is_no_duplicate()
    {
        var found = DuplicateDistributions.Find(Declared, null, [Dist("pip", "22.0.4"), Dist("six", "1.0")]);

        Assert.Empty(found.Kept);
        Assert.Empty(found.Delete);
        Assert.Empty(found.Reinstall);
    }
}
