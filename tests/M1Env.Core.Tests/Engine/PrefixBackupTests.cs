using M1Env.Core.Engine;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Testing;

namespace M1Env.Core.Tests.Engine;

public sealed class PrefixBackupTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-backup");

    private string Prefix => temp.Combine("env");

    public void Dispose() => temp.Dispose();

    private void MakeEnv(string marker)
    {
        Directory.CreateDirectory(Prefix);
        File.WriteAllText(Path.Combine(Prefix, "marker"), marker);
    }

    [Fact]
    public void A_failed_replacement_puts_the_old_env_back()
    {
        MakeEnv("old");
        var backup = PrefixBackup.MoveAside(Prefix);
        Assert.False(Directory.Exists(Prefix));
        MakeEnv("half-made");

        backup.Restore();

        Assert.Equal("old", File.ReadAllText(Path.Combine(Prefix, "marker")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_build_killed_during_the_replacement_is_undone_by_the_next_one()
    {
        MakeEnv("old");
        PrefixBackup.MoveAside(Prefix);
        MakeEnv("half-made: no complete stamp");

        PrefixBackup.Recover(Prefix, NullProvisionLog.Instance);

        Assert.Equal("old", File.ReadAllText(Path.Combine(Prefix, "marker")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_successful_replacement_discards_the_old_env()
    {
        MakeEnv("old");
        var backup = PrefixBackup.MoveAside(Prefix);
        MakeEnv("new");

        backup.Discard();

        Assert.Equal("new", File.ReadAllText(Path.Combine(Prefix, "marker")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }
}
