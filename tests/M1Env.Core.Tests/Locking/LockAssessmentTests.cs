using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Locking;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Locking;

/// <summary>What the plan says a build would do with a lock, from the same decision the build makes.</summary>
public class LockAssessmentTests
{
    private static readonly LockDifference None = LockDifference.Between(
        new Dictionary<string, string> { ["numpy"] = "numpy>=1.26" },
        new Dictionary<string, string> { ["numpy"] = "numpy>=1.26" });

    private static readonly LockDifference Changed = LockDifference.Between(
        new Dictionary<string, string> { ["numpy"] = "numpy>=2" },
        new Dictionary<string, string> { ["numpy"] = "numpy>=1.26" });

    private static LockAssessment Assessment(bool exists, LockDifference difference, params string[] missing) =>
        new("/repo/pylock.demo.toml", exists, difference, missing);

    [Fact]
    public void A_lock_that_matches_is_installed_as_it_is()
    {
        var assessment = Assessment(true, None);

        Assert.True(assessment.InstallsAsIs(LockSettings.Default));
        Assert.Equal("the lock pylock.demo.toml matches the declaration: the build installs exactly what it holds", assessment.Describe(LockSettings.Default));
    }

    [Fact]
    public void A_changed_declaration_is_resolved_again_and_the_plan_says_why()
    {
        var assessment = Assessment(true, Changed, "osx-arm64");

        Assert.False(assessment.InstallsAsIs(LockSettings.Default));
        Assert.Equal(
            "the build resolves the lock pylock.demo.toml again and writes it (numpy is locked for numpy>=1.26, and the declaration says numpy>=2; it does not cover osx-arm64)",
            assessment.Describe(LockSettings.Default));
    }

    [Theory]
    [InlineData(false, false, "there is no lock yet")]
    [InlineData(true, true, "M1EnvLock resolves every package again")]
    public void No_lock_or_M1EnvLock_resolves(bool exists, bool relock, string why) =>
        Assert.EndsWith($"({why})", Assessment(exists, None).Describe(LockSettings.Default with { Relock = relock }), StringComparison.Ordinal);

    [Fact]
    public void M1EnvLockUpdate_names_the_packages_it_frees() =>
        Assert.EndsWith("(M1EnvLockUpdate frees numpy, pandas)", Assessment(true, None).Describe(LockSettings.Default with { Update = ["numpy", "pandas"] }), StringComparison.Ordinal);

    [Fact]
    public void Locked_mode_with_a_difference_is_the_build_failing_with_its_code()
    {
        var assessment = Assessment(true, Changed);
        var locked = LockSettings.Default with { Mode = LockMode.Locked };

        Assert.False(assessment.InstallsAsIs(locked));
        Assert.StartsWith($"the build fails ({ErrorCodes.LockedModeMismatch}): M1EnvLockedMode is true", assessment.Describe(locked), StringComparison.Ordinal);
        Assert.Contains("numpy is locked for numpy>=1.26, and the declaration says numpy>=2", assessment.Describe(locked), StringComparison.Ordinal);
    }

    [Fact]
    public void Frozen_installs_a_lock_that_no_longer_matches() =>
        Assert.True(Assessment(true, Changed, "osx-arm64").InstallsAsIs(LockSettings.Default with { Mode = LockMode.Frozen }));
}
