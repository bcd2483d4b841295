using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.State;
using M1Env.Testing;

namespace M1Env.Core.Tests.State;

public sealed class PrefixLockTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-locks");

    private string Locks => temp.Path;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_second_holder_waits_until_the_first_releases()
    {
        var first = await PrefixLock.AcquireAsync(Locks, "/envs/a", TimeSpan.FromSeconds(30), NullProvisionLog.Instance, CancellationToken.None);
        var second = PrefixLock.AcquireAsync(Locks, "/envs/a", TimeSpan.FromSeconds(30), NullProvisionLog.Instance, CancellationToken.None);

        await Task.Delay(500);
        Assert.False(second.IsCompleted);

        first.Dispose();
        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Different_prefixes_do_not_wait_for_each_other()
    {
        using var a = await PrefixLock.AcquireAsync(Locks, "/envs/a", TimeSpan.FromSeconds(1), NullProvisionLog.Instance, CancellationToken.None);
        using var b = await PrefixLock.AcquireAsync(Locks, "/envs/b", TimeSpan.FromSeconds(1), NullProvisionLog.Instance, CancellationToken.None);
        Assert.NotEqual(PrefixLock.LockFileName("/envs/a"), PrefixLock.LockFileName("/envs/b"));
    }

    [Fact]
    public async Task Gives_up_with_a_coded_error_after_the_timeout()
    {
        using var held = await PrefixLock.AcquireAsync(Locks, "/envs/a", TimeSpan.FromSeconds(1), NullProvisionLog.Instance, CancellationToken.None);
        var error = await Assert.ThrowsAsync<M1EnvException>(() =>
            PrefixLock.AcquireAsync(Locks, "/envs/a", TimeSpan.FromMilliseconds(400), NullProvisionLog.Instance, CancellationToken.None));
        Assert.Equal(ErrorCodes.PrefixBusy, error.Code);
    }
}
