using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Installers.Pip;

public class PipResolveFailureTests
{
    private static readonly PackageSourceSettings Sources = new("https://index.example/simple", [], [], false);

    private static ProcessResult Failed(string requirement) => new(
        "python -m pip install --dry-run",
        1,
        string.Empty,
        [$"ERROR: Could not find a version that satisfies the requirement {requirement} (from versions: none)", $"ERROR: No matching distribution found for {requirement}"]);

    [Theory]
    [InlineData("fakemetal==1.1.0", "fakemetal", "1.1.0")]
    [InlineData("jax[cpu]==0.4.30", "jax", "0.4.30")]
    public void Finds_the_exact_pin_pip_found_nothing_for(string requirement, string name, string version) =>
        Assert.Equal((name, version), PipResolveFailure.MissingPin(Failed(requirement)));

    [Theory]
    [InlineData("fakemetal>=1.1")]
    [InlineData("fakemetal")]
    public void A_range_is_no_pin(string requirement) => Assert.Null(PipResolveFailure.MissingPin(Failed(requirement)));

    [Fact]
    public void A_version_whose_files_are_for_other_platforms_is_said_so_with_the_metadata_that_fixes_it()
    {
        var target = PipResolveTarget.Foreign(LockPlatform.LinuxX64, "3.11");

        var error = PipResolveFailure.Explain(Failed("fakemetal==1.1.0"), target, [new PipRequirement("fakemetal", [], "==1.1.0")], 0, Sources, [LockPlatform.OsxArm64, LockPlatform.OsxX64]);

        Assert.Equal(ErrorCodes.PackageNotOnIndex, error.Code);
        Assert.Contains("no distribution of fakemetal==1.1.0 for linux-x64", error.Message, StringComparison.Ordinal);
        Assert.Contains("its files are for osx-arm64, osx-x64 only", error.Message, StringComparison.Ordinal);
        Assert.Contains("<PipPackage Include=\"fakemetal\" Version=\"1.1.0\" Platforms=\"osx-arm64;osx-x64\" />", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_with_files_for_the_target_keeps_the_plain_explanation()
    {
        var target = PipResolveTarget.Foreign(LockPlatform.OsxArm64, "3.11");

        var error = PipResolveFailure.Explain(Failed("fakemetal==1.1.0"), target, [new PipRequirement("fakemetal", [], "==1.1.0")], 0, Sources, [LockPlatform.OsxArm64]);

        Assert.DoesNotContain("Platforms=", error.Message, StringComparison.Ordinal);
        Assert.Contains("pip found no wheel of fakemetal==1.1.0 for osx-arm64", error.Message, StringComparison.Ordinal);
    }

    private static M1EnvException TooOldToResolve(PipLauncher launcher) => PipResolveFailure.Explain(
        new ProcessResult("python -m pip install --dry-run --report r.json six", 2, string.Empty, ["Usage:", "no such option: --report"]),
        PipResolveTarget.ThisPython,
        [new PipRequirement("six", [], "")],
        0,
        Sources,
        launcher: launcher);

    [Fact]
    public void An_env_s_own_pip_too_old_to_resolve_is_named_with_what_fixes_it()
    {
        var error = TooOldToResolve(PipLauncher.EnvsOwn);

        Assert.Equal(ErrorCodes.PipInstallFailed, error.Code);
        Assert.Contains("bundles no pip wheel (ensurepip)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Version=\">=22.2\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundled_wheel_too_old_to_resolve_asks_for_nothing_in_the_env()
    {
        var error = TooOldToResolve(new PipLauncher("/py/pip-22.0.4-py3-none-any.whl"));

        Assert.Equal(ErrorCodes.PipInstallFailed, error.Code);
        Assert.DoesNotContain("environment's own pip", error.Message, StringComparison.Ordinal);
        Assert.Contains("need pip 22.2 or later", error.Message, StringComparison.Ordinal);
    }
}
