using M1Env.Core.Installers.Pip;
using M1Env.Core.Locking;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Tests.Installers.Pip;

public class PipLockBuilderTests
{
    private static ResolvedArtifact Wheel(string name, string version, string tag) =>
        new(name, version, $"https://files.example/{name}-{version}-{tag}.whl", $"{name}-{version}-{tag}.whl", new string('a', 64), true, true, []);

    private static PipResolution Resolution(params ResolvedArtifact[] artifacts) => new(artifacts, new Dictionary<string, string>());

    [Fact]
    public void A_package_resolved_alike_everywhere_is_one_entry_and_a_platform_specific_one_is_marked()
    {
        var resolutions = new Dictionary<LockPlatform, PipResolution>
        {
            [LockPlatform.LinuxX64] = Resolution(Wheel("numpy", "2.1.0", "cp311-cp311-manylinux_2_17_x86_64"), Wheel("six", "1.16.0", "py3-none-any")),
            [LockPlatform.OsxArm64] = Resolution(Wheel("numpy", "2.1.0", "cp311-cp311-macosx_11_0_arm64"), Wheel("six", "1.16.0", "py3-none-any"), Wheel("tensorflow-metal", "1.1.0", "cp311-cp311-macosx_12_0_arm64")),
        };

        var lockFile = PipLockBuilder.Build("ml-m1", ["six", "numpy==2.1.0"], resolutions);

        var numpy = Assert.Single(lockFile.Packages, p => p.Name == "numpy");
        Assert.Null(numpy.Marker);
        Assert.Equal(2, numpy.Wheels.Count);
        Assert.Single(Assert.Single(lockFile.Packages, p => p.Name == "six").Wheels);
        Assert.Equal("(sys_platform == 'darwin' and platform_machine == 'arm64')", Assert.Single(lockFile.Packages, p => p.Name == "tensorflow-metal").Marker);
        Assert.Equal(["numpy==2.1.0", "six"], lockFile.M1Env!.Requirements);
        Assert.Equal(["linux-x64", "osx-arm64"], lockFile.M1Env.Platforms);
    }

    [Fact]
    public void A_local_wheel_is_a_path_relative_to_the_lock_so_the_lock_holds_in_every_clone()
    {
        var root = Path.Combine(Path.GetTempPath(), "repo");
        var local = new ResolvedArtifact("m1-alpha", "1.0", new Uri(Path.Combine(root, "wheels", "m1_alpha-1.0-py3-none-any.whl")).AbsoluteUri, "m1_alpha-1.0-py3-none-any.whl", new string('a', 64), true, true, []);

        var lockFile = PipLockBuilder.Build("demo", ["m1-alpha"], new Dictionary<LockPlatform, PipResolution> { [LockPlatform.LinuxX64] = Resolution(local) }, Path.Combine(root, "env"));

        var wheel = Assert.Single(Assert.Single(lockFile.Packages).Wheels);
        Assert.Null(wheel.Url);
        Assert.Equal("../wheels/m1_alpha-1.0-py3-none-any.whl", wheel.Path);
    }

    [Fact]
    public void Each_entry_records_the_locked_packages_its_requirements_name_and_a_leaf_records_none()
    {
        var requests = Wheel("requests", "2.32.3", "py3-none-any") with { RequiresDist = ["charset_normalizer<4,>=2", "urllib3 (<3,>=1.21.1)", "PySocks!=1.5.7,>=1.5.6; extra == \"socks\""] };
        var linux = Resolution(requests, Wheel("charset-normalizer", "3.4.0", "py3-none-any"), Wheel("urllib3", "2.2.3", "py3-none-any"));
        var mac = Resolution(requests, Wheel("charset-normalizer", "3.3.2", "py3-none-any"), Wheel("urllib3", "2.2.3", "py3-none-any"));

        var lockFile = PipLockBuilder.Build("demo", ["requests"], new Dictionary<LockPlatform, PipResolution> { [LockPlatform.LinuxX64] = linux, [LockPlatform.OsxArm64] = mac });

        // PySocks, asked for by an extra nobody wanted, is not in the lock, so it is no dependency;
        // charset-normalizer has two entries, so each dependency on it says which.
        Assert.Equal(
            [new PyLockDependency("charset-normalizer", "3.3.2"), new PyLockDependency("charset-normalizer", "3.4.0"), new PyLockDependency("urllib3")],
            Assert.Single(lockFile.Packages, p => p.Name == "requests").Dependencies!.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Version, StringComparer.Ordinal));
        Assert.Empty(Assert.Single(lockFile.Packages, p => p.Name == "urllib3").Dependencies!);
    }

    [Fact]
    public void Changes_name_what_was_added_removed_and_moved()
    {
        PyLock Lock(params (string Name, string Version)[] packages) =>
            new([], null, packages.Select(p => new PyLockPackage(p.Name, p.Version, [])).ToArray(), null);

        Assert.Equal(
            ["+ m1-gamma 1.0", "- m1-beta 1.0", "~ m1-alpha 1.0 -> 2.0"],
            LockChanges.Describe(Lock(("m1-alpha", "1.0"), ("m1-beta", "1.0")), Lock(("m1-alpha", "2.0"), ("m1-gamma", "1.0"))));
        Assert.Equal(["+ m1-alpha 1.0"], LockChanges.Describe(null, Lock(("m1-alpha", "1.0"))));
    }
}
