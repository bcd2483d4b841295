using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

/// <summary>Platforms and Markers on packages: validated, kept for the lock, and left out of what this machine installs when they exclude it.</summary>
public class SpecBuilderPlatformsTests
{
    private static readonly string ProjectDirectory = Path.Combine(Path.GetTempPath(), "m1env-spec-platform-tests", "project");

    // A platform this machine is not, and this machine's own.
    private static readonly LockPlatform Elsewhere = LockPlatform.All.First(p => p != LockPlatform.Current);
    private static readonly string Here = LockPlatform.Current?.Name ?? "linux-x64";

    private static SpecBuildResult Build(EnvDeclaration env, PackageDeclaration[] pip, CondaPackageDeclaration[]? conda = null, params string[] lockPlatforms) =>
        SpecBuilder.Build(
            [env],
            pip,
            conda ?? [],
            new SpecContext(ProjectDirectory, Path.Combine(ProjectDirectory, ".m1env"), PackageSourceSettings.Default, Path.Combine(ProjectDirectory, "..", "tools"))
            {
                Lock = LockSettings.Default with { Platforms = lockPlatforms },
                NamedEnvsDirectory = Path.Combine(ProjectDirectory, "envs"),
            });

    private static EnvDeclaration Venv() => new(EnvKind.Venv, "ml", "3.11", null);

    private static EnvDeclaration Conda() => new(EnvKind.Conda, "ml", "3.11", null);

    [Fact]
    public void A_package_for_another_platform_is_declared_and_hashed_but_not_installed_here()
    {
        var result = Build(Venv(), [new("numpy", null, null), new("fakemetal", "1.1.0", null) { Platforms = Elsewhere.Name }]);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var env = Assert.Single(result.Envs);
        Assert.Equal(["numpy"], env.PipPackages.Select(p => p.ToRequirementString()));
        Assert.Equal(["fakemetal==1.1.0; " + Elsewhere.Marker, "numpy"], env.DeclaredPipPackages.Select(p => p.ToDeclaredString()));

        var without = Assert.Single(Build(Venv(), [new("numpy", null, null)]).Envs);
        Assert.NotEqual(SpecHasher.Hash(without, null, "1.0"), SpecHasher.Hash(env, null, "1.0"));
    }

    [Fact]
    public void A_package_whose_markers_hold_here_is_installed_here()
    {
        var env = Assert.Single(Build(Venv(), [new("six", null, null) { Platforms = $"{Here};{Elsewhere.Name}", Markers = "python_version >= '3.8'" }]).Envs);

        var six = Assert.Single(env.PipPackages);
        Assert.Equal($"six; ({string.Join(" or ", LockPlatform.All.Where(p => p == Elsewhere || p.Name == Here).Select(p => p.Marker))}) and (python_version >= '3.8')", six.ToDeclaredString());
    }

    [Fact]
    public void Unknown_platforms_and_bad_markers_are_coded_errors_naming_the_package()
    {
        var result = Build(
            Conda(),
            [new("six", null, null) { Platforms = "osx-arm64;macos" }, new("toml", null, null) { Markers = "sys_platform === " }],
            [new("numpy", null, null, null) { Platforms = "linux-x86" }]);

        Assert.Equal([ErrorCodes.InvalidPackagePlatforms, ErrorCodes.InvalidPackagePlatforms, ErrorCodes.InvalidPackagePlatforms], result.Errors.Select(e => e.Code));
        Assert.Contains("PipPackage 'six': Platforms names macos", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("PipPackage 'toml': Markers is not a PEP 508 marker", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("CondaPackage 'numpy': Platforms names linux-x86", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Empty(result.Envs);
    }

    [Fact]
    public void A_conda_package_for_another_platform_is_declared_but_not_installed_here()
    {
        var env = Assert.Single(Build(Conda(), [], [new("numpy", null, null, null), new("mlx", null, null, null) { Platforms = Elsewhere.CondaSubdir }]).Envs);

        Assert.Equal(["numpy"], env.CondaPackages.Select(p => p.Name));
        Assert.Equal(["mlx", "numpy"], env.DeclaredCondaPackages.Select(p => p.Name));
    }

    [Fact]
    public void A_platform_the_lock_platforms_leave_out_is_a_warning()
    {
        var left = LockPlatform.All.First(p => p != Elsewhere && p != LockPlatform.Current);
        var result = Build(
            Conda(),
            [new("fakemetal", null, null) { Platforms = $"{Elsewhere.Name};{left.Name}" }],
            [new("mlx", null, null, null) { Platforms = Elsewhere.Name }],
            Elsewhere.Name);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ErrorCodes.PlatformNotLocked, warning.Code);
        Assert.Contains($"PipPackage 'fakemetal' has Platforms for {left.Name}, which M1EnvLockPlatforms ({Elsewhere.Name}) leaves out", warning.Message, StringComparison.Ordinal);

        // Without M1EnvLockPlatforms a lock is this machine's alone, and nothing is said.
        Assert.Empty(Build(Conda(), [new("fakemetal", null, null) { Platforms = left.Name }]).Warnings);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lock_platforms_and_package_platforms_take_the_m1env_name_or_the_conda_subdir(bool subdirs)
    {
        string Named(LockPlatform platform) => subdirs ? platform.CondaSubdir : platform.Name;

        var result = Build(
            Conda(),
            [new("fakemetal", null, null) { Platforms = Named(Elsewhere) }],
            [new("mlx", null, null, null) { Platforms = Named(Elsewhere) }],
            Named(Elsewhere));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Empty(result.Warnings);
        var unknown = Build(Conda(), [], [], Named(Elsewhere), "linux-86");
        Assert.Equal(ErrorCodes.InvalidSetting, Assert.Single(unknown.Errors).Code);
        Assert.Contains("M1EnvLockPlatforms names linux-86", unknown.Errors[0].Message, StringComparison.Ordinal);
    }
}
