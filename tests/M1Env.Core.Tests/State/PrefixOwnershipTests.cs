using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Python;
using M1Env.Core.State;

namespace M1Env.Core.Tests.State;

public class PrefixOwnershipTests
{
    private const string Prefix = "/work/envs/shared";

    private static EnvStamp StampOwnedBy(string project, string location = Prefix) =>
        new(EnvStamp.CurrentSchema, true, true, "1.0.0", "h", new EnvOwner(project, "demo"), location, "3.11",
            new PythonInterpreter("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython"), "s", [], []);

    [Fact]
    public void The_owner_and_a_prefix_without_a_stamp_pass()
    {
        Assert.Null(PrefixOwnership.Check(null, new EnvOwner("/work/a.proj", "demo"), Prefix, _ => true));
        Assert.Null(PrefixOwnership.Check(StampOwnedBy("/work/a.proj"), new EnvOwner("/work/a.proj", "renamed"), Prefix, _ => true));
    }

    [Fact]
    public void Another_project_that_still_exists_is_refused_with_the_owner_named()
    {
        var error = Assert.Throws<M1EnvException>(() =>
            PrefixOwnership.Check(StampOwnedBy("/work/a.proj"), new EnvOwner("/work/b.proj", "demo"), Prefix, _ => true));

        Assert.Equal(ErrorCodes.PrefixOwnedElsewhere, error.Code);
        Assert.Contains("belongs to environment 'demo' of /work/a.proj", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_whose_owner_is_gone_is_taken_over()
    {
        var reason = PrefixOwnership.Check(StampOwnedBy("/old/a.proj"), new EnvOwner("/work/b.proj", "demo"), Prefix, _ => false);
        Assert.Equal("its previous owner, environment 'demo' of /old/a.proj, no longer exists", reason);
    }

    [Fact]
    public void A_stamp_written_at_another_location_decides_nothing_here()
    {
        // A copied project: its env is remade for the copy; the original's owner is not this prefix's.
        Assert.Null(PrefixOwnership.Check(StampOwnedBy("/work/a.proj", "/original/envs/shared"), new EnvOwner("/copy/a.proj", "demo"), Prefix, _ => true));
    }
}
