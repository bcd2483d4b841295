using M1Env.Core.Backends.Conda;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>A conda env's lock files: their names per platform, and the spec a lock makes.</summary>
public class CondaLockFilesTests
{
    private static readonly CondaLock Linux = new("demo", "linux-64", ["python 3.11.*", "scikit-learn"],
    [
        new("python", "3.11.7", "h0_0", "https://conda.anaconda.org/conda-forge/linux-64/python-3.11.7-h0_0.conda", new string('a', 32), null),
        new("scikit-learn", "1.5.2", "py311h_1", "https://conda.anaconda.org/conda-forge/linux-64/scikit-learn-1.5.2-py311h_1.conda", new string('b', 32), null),
        new("libgcc-ng", "14.2.0", "h77_1", "https://conda.anaconda.org/conda-forge/linux-64/libgcc-ng-14.2.0-h77_1.conda", new string('c', 32), null),
    ]);

    [Theory]
    [InlineData("/repo/ml-m1.conda-lock.txt", "/repo/ml-m1.osx-arm64.conda-lock.txt")]
    [InlineData("/repo/locks/ml.CONDA-LOCK.TXT", "/repo/locks/ml.osx-arm64.conda-lock.txt")]
    [InlineData("/repo/locks/ml", "/repo/locks/ml.osx-arm64.conda-lock.txt")]
    public void Each_platform_has_its_own_file_beside_the_env_lock_path(string lockFile, string expected) =>
        Assert.Equal(expected, CondaLockFiles.PathFor(lockFile, "osx-arm64"));

    [Fact]
    public void The_lock_pins_every_package_but_python_to_its_exact_build()
    {
        var files = new CondaLockFiles("/repo/demo.linux-64.conda-lock.txt", Linux, ["/repo/demo.linux-64.conda-lock.txt"], new Dictionary<string, CondaLock> { ["linux-x64"] = Linux });
        var spec = new EnvSpec("demo", EnvKind.Conda, new PythonRequest(3, 11, null), "/repo/.m1env/demo", [], PackageSourceSettings.Default)
        {
            CondaPackages = [new CondaRequirement("scikit-learn", string.Empty, null)],
        };

        var pinned = files.Pin(spec, "hash");

        Assert.Equal(["libgcc-ng==14.2.0 h77_1", "scikit-learn==1.5.2 py311h_1"], pinned.CondaPackages.Select(p => p.ToMatchSpec()));
        Assert.Equal("/repo/demo.linux-64.conda-lock.txt", pinned.CondaLockFile);
        Assert.Equal("hash", pinned.LockHash);
        Assert.Equal("3.11", pinned.Python.ToString());
    }

    [Fact]
    public void Pip_resolves_around_the_conda_packages_by_their_pip_names() =>
        Assert.Equal(
            new Dictionary<string, string> { ["scikit-learn"] = "1.5.2", ["libgcc-ng"] = "14.2.0" },
            new CondaLockFiles("/l", Linux, ["/l"], new Dictionary<string, CondaLock> { ["linux-x64"] = Linux }).PythonPackagesByPlatform()["linux-x64"]);
}
