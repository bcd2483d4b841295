using M1Env.Core.Packaging.Pep751;



namespace M1Env.Core.Tests.Packaging.Pep751;

/// <summary>A lock after requirements were only removed, from its dependency graph.</summary>
public sealed class PyLockPruningTests
{
    private static PyLockPackage Package(string name, string version, params PyLockDependency[] dependencies) =>
        new(name, version, [new PyLockArtifact($"{name}-{version}-py3-none-any.whl", $"https://files.example/{name}-{version}-py3-none-any.whl", new string('a', 64))])
        {
            Dependencies = dependencies,
        };

    private static PyLock Lock(params PyLockPackage[] packages) =>
        new([], null, packages, new PyLockM1EnvTool("demo", ["m1-app", "m1-tool"], ["linux-x64"]));

    [Fact]
    public void What_only_the_removed_package_needed_goes_and_what_another_needs_stays()
    {
        var lockFile = Lock(
            Package("m1-app", "1.0", new PyLockDependency("m1-shared"), new PyLockDependency("m1-app-only")),
            Package("m1-app-only", "1.0", new PyLockDependency("m1-deep")),
            Package("m1-deep", "1.0"),
            Package("m1-shared", "1.0"),
            Package("m1-tool", "1.0", new PyLockDependency("m1-shared")));

        var pruned = PyLockPruning.Prune(lockFile, ["m1-tool"], ["m1-tool==1.0"]);

        Assert.Equal(["m1-shared", "m1-tool"], pruned!.Packages.Select(p => p.Name));
        Assert.Equal(["m1-tool==1.0"], pruned.M1Env!.Requirements);
    }

    [Fact]
    public void A_dependency_with_a_version_keeps_only_that_entry()
    {
        var lockFile = Lock(
            Package("m1-tool", "1.0", new PyLockDependency("m1-shared", "2.0")),
            Package("m1-shared", "1.0"),
            Package("m1-shared", "2.0"));

        Assert.Equal(["m1-tool 1.0", "m1-shared 2.0"], PyLockPruning.Prune(lockFile, ["m1-tool"], ["m1-tool"])!.Packages.Select(p => $"{p.Name} {p.Version}"));
    }

    [Fact]
    public void A_lock_that_does_not_record_every_dependency_cannot_be_pruned()
    {
        var lockFile = Lock(Package("m1-tool", "1.0"), Package("m1-app", "1.0") with { Dependencies = null });

        Assert.Null(PyLockPruning.Prune(lockFile, ["m1-tool"], ["m1-tool"]));
    }
}
