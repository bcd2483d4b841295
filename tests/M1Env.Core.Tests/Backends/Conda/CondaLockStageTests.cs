using M1Env.Core.Backends.Conda;
using M1Env.Core.Packaging;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Backends.Conda;

public class CondaLockStageTests
{
    [Fact]
    public void Each_platform_s_lock_records_the_conda_packages_for_that_platform_only()
    {
        var elsewhere = LockPlatform.All.First(p => p != LockPlatform.Current);
        var numpy = new CondaRequirement("numpy", string.Empty, null);
        var mlx = new CondaRequirement("mlx", "==0.32.0", null) { AppliesOn = new PackagePlatforms([elsewhere], null) };
        var spec = new EnvSpec("ml", EnvKind.Conda, new PythonRequest(3, 11, null), "/work/.m1env/ml", [], PackageSourceSettings.Default)
        {
            CondaPackages = [numpy],
            DeclaredCondaPackages = [mlx, numpy],
        };

        Assert.Equal(["mlx==0.32.0", "numpy", "python 3.11.*"], CondaLockStage.DeclaredSpecs(spec, elsewhere));
        Assert.Equal(["numpy", "python 3.11.*"], CondaLockStage.DeclaredSpecs(spec, LockPlatform.Parse(LockPlatform.Current!.CondaSubdir)));
    }

    [Theory]
    [InlineData("osx-x64")]
    [InlineData("osx-64")]
    [InlineData("osx-x64;osx-64")]
    public void A_lock_platform_is_named_by_its_m1env_name_or_its_conda_subdir(string names)
    {
        var spec = new EnvSpec("ml", EnvKind.Conda, new PythonRequest(3, 11, null), "/work/.m1env/ml", [], PackageSourceSettings.Default)
        {
            LockFile = Path.Combine(Path.GetTempPath(), $"m1env-no-lock-{Guid.NewGuid():N}", "ml.conda-lock.txt"),
            Lock = LockSettings.Default with { Platforms = names.Split(';') },
        };

        Assert.Equal(["osx-64", LockPlatform.Current!.CondaSubdir], CondaLockStage.Assess(spec).MissingPlatforms);
    }
}
