using M1Env.Core.State;
using M1Env.Testing;

namespace M1Env.Core.Tests.State;

public sealed class CreationMarkerTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-marker");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_marker_lives_beside_the_prefix_lock_never_inside_the_prefix()
    {
        var prefix = temp.Combine("env");
        var marker = new CreationMarker(temp.Combine("locks"), prefix);

        Assert.False(marker.Exists);
        marker.Set(new EnvOwner("/work/env.proj", "demo"));

        Assert.True(marker.Exists);
        Assert.False(Directory.Exists(prefix));
        Assert.Equal(temp.Combine("locks", PrefixLock.LockFileName(prefix).Replace(".lock", ".creating", StringComparison.Ordinal)), marker.FilePath);
        Assert.Equal($"{prefix}\n/work/env.proj\ndemo\n", File.ReadAllText(marker.FilePath));

        marker.Clear();
        Assert.False(marker.Exists);
        marker.Clear();
    }

    [Fact]
    public void Each_prefix_has_its_own_marker_and_the_lock_sweep_leaves_markers_alone()
    {
        var locks = temp.Combine("locks");
        var first = new CreationMarker(locks, temp.Combine("a"));
        first.Set(new EnvOwner("/p", "a"));
        File.SetLastWriteTimeUtc(first.FilePath, DateTime.UtcNow - TimeSpan.FromDays(30));

        Assert.False(new CreationMarker(locks, temp.Combine("b")).Exists);
        StaleLockSweeper.Sweep(locks, except: string.Empty);
        Assert.True(first.Exists);
    }
}
