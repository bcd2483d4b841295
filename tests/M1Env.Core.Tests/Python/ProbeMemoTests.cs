using System.Runtime.Versioning;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Python;
using M1Env.Testing;

namespace M1Env.Core.Tests.Python;

/// <summary>Probe answers shared by the envs of one build, and kept across builds while the interpreter's file is unchanged.</summary>
public sealed class ProbeMemoTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-probe-memo");

    public void Dispose() => temp.Dispose();

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

    [Fact]
    public async Task A_kept_answer_holds_across_builds_until_the_file_changes()
    {
        var file = temp.Combine("python3.11");
        File.WriteAllText(file, "first build");
        var kept = new ProbeResult(new PythonInterpreter(file, "3.11.7", "x86_64", "cpython"), false, true, null) { RunsItself = true };
        await new ProbeMemo(temp.Combine("probes")).GetOrRunAsync("interpreter", file, () => Task.FromResult(kept), KeptProbeJsonContext.Default.KeptProbeProbeResult);

        var runs = 0;
        Task<ProbeResult> Probe()
        {
            runs++;
            return Task.FromResult(kept with { IsVenv = true });
        }

        Assert.Equal(kept, await new ProbeMemo(temp.Combine("probes")).GetOrRunAsync("interpreter", file, Probe, KeptProbeJsonContext.Default.KeptProbeProbeResult));
        Assert.Equal(0, runs);

        // Another interpreter installed over it: asked again, and the new answer kept.
        File.WriteAllText(file, "replaced by another build");
        Assert.True((await new ProbeMemo(temp.Combine("probes")).GetOrRunAsync("interpreter", file, Probe, KeptProbeJsonContext.Default.KeptProbeProbeResult)).IsVenv);
        Assert.True((await new ProbeMemo(temp.Combine("probes")).GetOrRunAsync("interpreter", file, Probe, KeptProbeJsonContext.Default.KeptProbeProbeResult)).IsVenv);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_real_interpreters_identity_and_wheel_tags_are_asked_once_across_builds()
    {
        var python = PythonFinder.Find();
        var first = new RecordingProvisionLog();
        var probed = await new InterpreterProbe(new ProcessRunner(first), new ProbeMemo(temp.Combine("probes"))).ProbeAsync(python, CancellationToken.None);
        var tags = await new TargetEnvironmentProbe(new ProcessRunner(first), new ProbeMemo(temp.Combine("probes"))).ProbeAsync(python, "linux-x64", CancellationToken.None);
        Assert.Equal(2, first.Commands.Count());
        Assert.True(probed.RunsItself);

        var next = new RecordingProvisionLog();
        var again = await new InterpreterProbe(new ProcessRunner(next), new ProbeMemo(temp.Combine("probes"))).ProbeAsync(python, CancellationToken.None);
        var tagsAgain = await new TargetEnvironmentProbe(new ProcessRunner(next), new ProbeMemo(temp.Combine("probes"))).ProbeAsync(python, "linux-x64", CancellationToken.None);

        Assert.Empty(next.Commands);
        Assert.Equal(probed, again);
        Assert.Equal(probed.HandOff, again.HandOff);
        Assert.Equal(tags.CompatibleTags, tagsAgain.CompatibleTags);
        Assert.Equivalent(tags.Markers, tagsAgain.Markers, strict: true);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task What_a_launcher_answers_is_not_kept_as_it_may_pick_another_interpreter_next_time()
    {
        var shim = temp.Combine("python3");
        File.WriteAllText(shim, $"#!/bin/sh\nexec {PythonFinder.Find()} \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var first = await new InterpreterProbe(new ProcessRunner(new RecordingProvisionLog()), new ProbeMemo(temp.Combine("probes"))).ProbeAsync(shim, CancellationToken.None);
        Assert.NotNull(first.Interpreter);
        Assert.False(first.RunsItself);

        var next = new RecordingProvisionLog();
        await new InterpreterProbe(new ProcessRunner(next), new ProbeMemo(temp.Combine("probes"))).ProbeAsync(shim, CancellationToken.None);
        Assert.Single(next.Commands);
    }
}
