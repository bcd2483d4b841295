using M1Env.Core.Backends.Conda;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.Tests.Backends.Conda;

namespace M1Env.Core.Tests.Packaging.Conda;

public sealed class CondaLockResolutionTests
{
    [Theory]
    [InlineData(CondaFixture.Conda)]
    [InlineData(CondaFixture.Micromamba)]
    public void The_recorded_dry_run_reads_as_locked_packages_in_install_order(string tool)
    {
        var fixture = CondaFixture.Load(tool, "create-dry-run");

        var packages = CondaDryRunRecords.Read(fixture.StandardOutput, _ => null, out var missing);

        Assert.Empty(missing);
        Assert.Equal(
            [
                new CondaLockedPackage("pkga", "2.0", "h0_0", "file:///Users/dev/channel/noarch/pkga-2.0-h0_0.tar.bz2", "8209bbd08fb8c0d38e4aa8be4d13a521", "3063e8f80077dbacb14fd996f4939216e57ccf9134e3b7c303aa44f5e676d69d"),
                new CondaLockedPackage("pkgb", "1.0", "h0_0", "file:///Users/dev/channel/noarch/pkgb-1.0-h0_0.tar.bz2", "bdadccd000451c75fc1f383166fafe58", "62bf818f703e0fa7f7f27b4fa96389ea692e4c905fb094b2091e293b21dfa199"),
                new CondaLockedPackage("pkgc", "0.1", "h0_0", "file:///Users/dev/channel/noarch/pkgc-0.1-h0_0.conda", "89be814e890161596b9f55682e89c250", "43e634ee964cc16c741ceaa36dc46bd548a224f900828cfe5c67c8c87980b91c"),
            ],
            packages);
    }

    [Fact]
    public void A_linked_package_missing_from_fetch_comes_from_the_cache_or_is_reported()
    {
        // What conda prints when the package cache already holds pkga: LINK names it, FETCH does not.
        var stdout = CondaFixture.Load(CondaFixture.Conda, "create-dry-run").StandardOutput
            .Replace("\"fn\": \"pkga-2.0-h0_0.tar.bz2\"", "\"fn\": \"elsewhere-2.0-h0_0.tar.bz2\"", StringComparison.Ordinal)
            .Replace("\"name\": \"pkga\",\n        \"noarch\"", "\"name\": \"elsewhere\",\n        \"noarch\"", StringComparison.Ordinal);

        CondaDryRunRecords.Read(stdout, _ => null, out var missing);
        Assert.Equal(["pkga-2.0-h0_0"], missing.Select(m => m.DistName));

        var cached = new CondaLockedPackage("pkga", "2.0", "h0_0", "file:///Users/dev/channel/noarch/pkga-2.0-h0_0.tar.bz2", "8209bbd08fb8c0d38e4aa8be4d13a521", null);
        var packages = CondaDryRunRecords.Read(stdout, link => link.Name == "pkga" ? (cached, []) : null, out missing);
        Assert.Empty(missing);
        Assert.Equal(["pkga", "pkgb", "pkgc"], packages.Select(p => p.Name));
    }

    [Fact]
    public void Install_order_puts_dependencies_first_and_python_before_pip()
    {
        var order = CondaInstallOrder.Sort<string>(
        [
            ("pip", "pip", ["python >=3.7"]),
            ("python", "python", ["pip", "libz >=1.2", "__osx >=11.0"]),
            ("numpy", "numpy", ["python >=3.11,<3.12.0a0", "libz"]),
            ("libz", "libz", []),
            ("a", "a", ["b"]),
            ("b", "b", ["a"]),
        ]);

        // The cycle a <-> b is broken only when nothing else is ready, as conda's toposort does.
        Assert.Equal(["libz", "python", "numpy", "pip", "a", "b"], order);
    }

    [Theory]
    [InlineData("conda-forge::numpy >=1.26", "numpy")]
    [InlineData("python==3.11.7=h0_0", "python")]
    [InlineData("pkga", "pkga")]
    [InlineData("python 3.11.*", "python")]
    public void A_spec_names_its_package(string spec, string name) => Assert.Equal(name, CondaInstallOrder.SpecName(spec));

    [Fact]
    public void A_changed_declaration_pins_the_unchanged_declared_packages_to_their_locked_builds()
    {
        var previous = new CondaLock("demo", "linux-64", ["python 3.11.*", "pkgb", "pkga <2"],
        [
            new CondaLockedPackage("python", "3.11.7", "h0_0", "file:///c/linux-64/python-3.11.7-h0_0.tar.bz2", new string('1', 32), null),
            new CondaLockedPackage("pkga", "1.0", "0", "file:///c/noarch/pkga-1.0-0.tar.bz2", new string('2', 32), null),
            new CondaLockedPackage("pkgb", "1.0", "0", "file:///c/noarch/pkgb-1.0-0.tar.bz2", new string('3', 32), null),
        ]);

        string[] declared = ["python  3.11.*", "pkgb", "pkga", "pkgc"];

        Assert.Equal(["python==3.11.7=h0_0", "pkgb==1.0=0", "pkga", "pkgc"], CondaLockUpdate.Specs(declared, previous));
        Assert.Equal(["pkga", "pkgc"], CondaLockUpdate.Changed(declared, previous));
        Assert.Equal(declared.Select(s => s.Trim()), CondaLockUpdate.Specs(declared, null));
        Assert.True(CondaLockUpdate.IsCurrent(previous, ["pkga <2", "python 3.11.*", "pkgb"]));
        Assert.False(CondaLockUpdate.IsCurrent(previous, declared));
    }

    [Fact]
    public void A_foreign_platform_runs_with_its_subdir_and_fixed_virtual_packages()
    {
        var osx = CondaLockResolver.PlatformEnvironment(LockPlatform.Parse("osx-arm64"));
        Assert.Equal(("osx-arm64", "11.0", "", "m1"), (osx["CONDA_SUBDIR"], osx["CONDA_OVERRIDE_OSX"], osx["CONDA_OVERRIDE_CUDA"], osx["CONDA_OVERRIDE_ARCHSPEC"]));
        Assert.False(osx.ContainsKey("CONDA_OVERRIDE_GLIBC"));

        var linux = CondaLockResolver.PlatformEnvironment(LockPlatform.Parse("linux-64"));
        Assert.Equal(("linux-64", "2.17", "x86_64"), (linux["CONDA_SUBDIR"], linux["CONDA_OVERRIDE_GLIBC"], linux["CONDA_OVERRIDE_ARCHSPEC"]));
        Assert.False(linux.ContainsKey("CONDA_OVERRIDE_OSX"));

        var windows = CondaLockResolver.PlatformEnvironment(LockPlatform.WinX64);
        Assert.Equal(["CONDA_OVERRIDE_ARCHSPEC", "CONDA_OVERRIDE_CUDA", "CONDA_SUBDIR"], windows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("win-64", "x86_64"), (windows["CONDA_SUBDIR"], windows["CONDA_OVERRIDE_ARCHSPEC"]));
    }

    [Fact]
    public void The_arguments_of_a_dry_run_and_of_a_create_from_a_lock()
    {
        Assert.Equal(
            ["create", "--dry-run", "-p", "/p", "-y", "--json", "-q", "--override-channels", "--strict-channel-priority", "-c", "conda-forge", "--no-default-packages", "python 3.11.*"],
            CondaArguments.CreateDryRun(CondaCommandLine.Conda, "/p", ["conda-forge"], ["python 3.11.*"]));
        Assert.Equal(["create", "-p", "/p", "-y", "--json", "-q", "--no-default-packages", "--file", "/l.txt"], CondaArguments.CreateFromExplicit(CondaCommandLine.Conda, "/p", "/l.txt"));
        Assert.Equal(["create", "-p", "/p", "-y", "--json", "-f", "/l.txt"], CondaArguments.CreateFromExplicit(CondaCommandLine.Libmamba, "/p", "/l.txt"));
    }
}
