using M1Env.Core.Processes;

namespace M1Env.Core.Tests.Processes;

/// <summary>Probe answers shared by the envs of one build.</summary>
public sealed class ProbeMemoTests
{
    [Fact]
    public async Task Envs_asking_at_once_about_one_file_share_one_probe()
    {
        var memo = new ProbeMemo();
        var runs = 0;
        var release = new TaskCompletionSource();
        async Task<string> Probe()
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return "cpython 3.11.7";
        }

        var askers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => memo.GetOrRunAsync("interpreter", "/usr/bin/python3.11", Probe))).ToArray();
        await Task.Delay(50);
        release.SetResult();

        Assert.All(await Task.WhenAll(askers), answer => Assert.Equal("cpython 3.11.7", answer));
        Assert.Equal(1, runs);
        Assert.Equal("other", await memo.GetOrRunAsync("target linux-x64", "/usr/bin/python3.11", () => Task.FromResult("other")));
    }

    [Fact]
    public async Task A_probe_that_failed_is_asked_again()
    {
        var memo = new ProbeMemo();
        await Assert.ThrowsAsync<InvalidOperationException>(() => memo.GetOrRunAsync<string>("interpreter", "/bin/python", () => throw new InvalidOperationException("gone")));

        Assert.Equal("back", await memo.GetOrRunAsync("interpreter", "/bin/python", () => Task.FromResult("back")));
    }
}
