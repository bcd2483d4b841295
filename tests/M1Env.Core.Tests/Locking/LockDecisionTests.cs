using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Locking;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Locking;

public class LockDecisionTests
{
    private const string LockFile = "/repo/pylock.demo.toml";

    private static readonly Dictionary<string, string> Locked = new(StringComparer.Ordinal) { ["m1-alpha"] = "m1-alpha==1.0", ["m1-beta"] = "m1-beta" };

    private static LockDifference Difference(params (string Name, string Requirement)[] declared) =>
        LockDifference.Between(declared.ToDictionary(d => d.Name, d => d.Requirement, StringComparer.Ordinal), Locked);

    private static LockSettings Settings(LockMode mode = LockMode.Normal, bool relock = false, params string[] update) =>
        new(mode, [], update, relock, []);

    [Fact]
    public void Names_what_was_added_removed_and_changed()
    {
        var difference = Difference(("m1-alpha", "m1-alpha==2.0"), ("m1-gamma", "m1-gamma"));

        Assert.Equal(["m1-gamma"], difference.Added);
        Assert.Equal(["m1-beta"], difference.Removed);
        Assert.Equal(("m1-alpha==1.0", "m1-alpha==2.0"), difference.Changed["m1-alpha"]);
        Assert.Equal(
            ["m1-gamma is declared but not in the lock", "m1-beta is in the lock but no longer declared", "m1-alpha is locked for m1-alpha==1.0, and the declaration says m1-alpha==2.0"],
            difference.Describe());
    }

    [Fact]
    public void A_matching_lock_is_installed_as_it_is_and_a_changed_declaration_resolves_again()
    {
        var same = Difference(("m1-alpha", "m1-alpha==1.0"), ("m1-beta", "m1-beta"));
        Assert.Equal(LockAction.Install, LockDecision.Decide(Settings(), LockFile, true, same, []));
        Assert.Equal(LockAction.Resolve, LockDecision.Decide(Settings(), LockFile, false, same, []));
        Assert.Equal(LockAction.Resolve, LockDecision.Decide(Settings(), LockFile, true, Difference(("m1-alpha", "m1-alpha==2.0")), []));
        Assert.Equal(LockAction.Resolve, LockDecision.Decide(Settings(), LockFile, true, same, ["win-x64"]));
        Assert.Equal(LockAction.Resolve, LockDecision.Decide(Settings(relock: true), LockFile, true, same, []));
    }

    [Fact]
    public void Locked_mode_fails_naming_every_difference()
    {
        var error = Assert.Throws<M1EnvException>(() =>
            LockDecision.Decide(Settings(LockMode.Locked), LockFile, true, Difference(("m1-alpha", "m1-alpha==2.0"), ("m1-gamma", "m1-gamma")), ["win-x64"]));

        Assert.Equal(ErrorCodes.LockedModeMismatch, error.Code);
        Assert.Contains("  - m1-gamma is declared but not in the lock", error.Message, StringComparison.Ordinal);
        Assert.Contains("  - m1-beta is in the lock but no longer declared", error.Message, StringComparison.Ordinal);
        Assert.Contains("  - m1-alpha is locked for m1-alpha==1.0, and the declaration says m1-alpha==2.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("  - the lock does not cover the platform win-x64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frozen_installs_whatever_the_lock_says_but_needs_one()
    {
        Assert.Equal(LockAction.Install, LockDecision.Decide(Settings(LockMode.Frozen), LockFile, true, Difference(("m1-gamma", "m1-gamma")), ["win-x64"]));
        Assert.Equal(ErrorCodes.LockedModeMismatch, Assert.Throws<M1EnvException>(() => LockDecision.Decide(Settings(LockMode.Frozen), LockFile, false, Difference(), [])).Code);
    }

    [Fact]
    public void A_resolution_keeps_the_locked_versions_of_what_did_not_change()
    {
        var locked = new Dictionary<string, string>(StringComparer.Ordinal) { ["m1-alpha"] = "1.0", ["m1-beta"] = "1.0", ["m1-dep"] = "3.1" };
        var difference = Difference(("m1-alpha", "m1-alpha==2.0"), ("m1-beta", "m1-beta"));

        Assert.Equal(["m1-beta", "m1-dep"], LockDecision.Pins(Settings(), difference, locked).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["m1-beta"], LockDecision.Pins(Settings(LockMode.Normal, false, "m1-dep"), difference, locked).Keys);
        Assert.Empty(LockDecision.Pins(Settings(relock: true), difference, locked));
    }
}
