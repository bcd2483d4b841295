using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
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

    [Fact]
    public async Task A_prefix_reached_through_a_link_and_through_its_target_is_one_lock()
    {
        var envs = Directory.CreateDirectory(Path.Combine(temp.Path, "envs")).FullName;
        var link = Path.Combine(temp.Path, "envs-link");
        Directory.CreateSymbolicLink(link, envs);

        using var held = await PrefixLock.AcquireAsync(Locks, Path.Combine(link, "demo"), TimeSpan.FromSeconds(1), NullProvisionLog.Instance, CancellationToken.None);
        var error = await Assert.ThrowsAsync<M1EnvException>(() =>
            PrefixLock.AcquireAsync(Locks, Path.Combine(envs, "demo"), TimeSpan.FromMilliseconds(400), NullProvisionLog.Instance, CancellationToken.None));

        Assert.Equal(ErrorCodes.PrefixBusy, error.Code);
    }

    [Fact]
    public async Task Acquiring_removes_week_old_lock_files_of_prefixes_that_are_gone_and_keeps_the_rest()
    {
        var existing = Directory.CreateDirectory(Path.Combine(temp.Path, "existing")).FullName;
        var gone = WriteLockFile("gone", Path.Combine(temp.Path, "deleted-env"), age: TimeSpan.FromDays(8));
        var stillThere = WriteLockFile("still-there", existing, age: TimeSpan.FromDays(8));
        var recent = WriteLockFile("recent", Path.Combine(temp.Path, "deleted-env-2"), age: TimeSpan.FromDays(6));
        var heldByABuild = WriteLockFile("held", Path.Combine(temp.Path, "deleted-env-3"), age: TimeSpan.FromDays(8));

        using (new FileStream(heldByABuild, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        using (await PrefixLock.AcquireAsync(Locks, "/envs/a", TimeSpan.FromSeconds(5), NullProvisionLog.Instance, CancellationToken.None))
        {
        }

        Assert.False(File.Exists(gone));
        Assert.True(File.Exists(stillThere));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(heldByABuild));
        Assert.True(File.Exists(Path.Combine(Locks, PrefixLock.LockFileName(PathIdentity.RealPath("/envs/a")))));
    }

    [Fact]
    public void A_locked_file_that_is_no_longer_the_one_at_its_path_is_not_claimed()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows cannot delete a file a lock holds open, so the race cannot happen there.
        }

        var path = Path.Combine(Locks, "race.lock");
        using var orphan = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        Assert.True(PrefixLock.Claim(orphan, path, "/envs/a"));

        // What a sweep does between another build's open and its lock: the path now names a new file.
        File.Delete(path);
        Assert.False(PrefixLock.Claim(orphan, path, "/envs/a"));
        File.WriteAllText(path, string.Empty);
        Assert.False(PrefixLock.Claim(orphan, path, "/envs/a"));
    }

    [Fact]
    public async Task A_lock_file_says_which_prefix_it_locks()
    {
        using (await PrefixLock.AcquireAsync(Locks, "/envs/a", TimeSpan.FromSeconds(1), NullProvisionLog.Instance, CancellationToken.None))
        {
        }

        var realPrefix = PathIdentity.RealPath("/envs/a");
        Assert.Equal(realPrefix, File.ReadAllLines(Path.Combine(Locks, PrefixLock.LockFileName(realPrefix)))[0]);
    }

    private string WriteLockFile(string name, string prefix, TimeSpan age)
    {
        var path = Path.Combine(Locks, name + ".lock");
        File.WriteAllText(path, prefix + Environment.NewLine);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }
}
