using M1Env.Core.Inspection;
using M1Env.Core.Pip;
using M1Env.Core.Processes;
using M1Env.Testing;

namespace M1Env.Core.Tests.Pip;

/// <summary>An env's real pip, started ahead of the command it is then given on stdin.</summary>
public sealed class PipAheadTests : IDisposable
{
    private static readonly Version Python311 = new(3, 11);

    private readonly TempDirectory temp = new("m1env-pip-ahead");
    private readonly RecordingProvisionLog log = new();
    private readonly string python = PythonFinder.Find();

    public void Dispose() => temp.Dispose();

    private string Prefix => temp.Combine("env");

    private string EnvPython => Path.Combine(Prefix, "bin", "python");

    /// <summary>A venv with its own pip, installed from the interpreter's wheel.</summary>
    private async Task EnvWithPipAsync()
    {
        var runner = new ProcessRunner(log);
        var wheel = BundledPip.Find(python, Python311) ?? throw new InvalidOperationException($"{python} ships no pip wheel.");
        foreach (var (executable, arguments) in new[] { (python, new[] { "-m", "venv", "--without-pip", Prefix }), (EnvPython, [Path.Combine(wheel, "pip"), "install", "--no-index", "-q", wheel]) })
        {
            var result = await runner.RunAsync(executable, arguments, streamToLog: false, CancellationToken.None);
            Assert.True(result.Succeeded, string.Join("\n", result.Transcript));
        }
    }

    [Fact]
    public async Task The_command_it_is_given_runs_as_python_m_pip_would_run_it_arguments_intact()
    {
        await EnvWithPipAsync();
        var wheel = WheelBuilder.Build(temp.Combine("wheels with spaces ü"), "m1-alpha", "1.0");

        await using var ahead = PipAhead.Start(new ProcessRunner(log), log, EnvPython);
        var result = await ahead.RunAsync(["install", "--no-index", "--find-links", Path.GetDirectoryName(wheel.Path)!, "m1-alpha==1.0"]);

        Assert.NotNull(result);
        Assert.True(result.Succeeded, string.Join("\n", result.Transcript));
        Assert.Equal(ProcessRunner.FormatCommandLine(EnvPython, ["-m", "pip", "install", "--no-index", "--find-links", Path.GetDirectoryName(wheel.Path)!, "m1-alpha==1.0"]), result.CommandLine);
        Assert.Equal("1.0", EnvReader.Read(Prefix, verifyFiles: false).Find("m1-alpha")?.Version);
        Assert.Contains(log.Lines, line => line.StartsWith("> " + EnvPython + " -m pip install", StringComparison.Ordinal));

        // One command per process: a second one is the caller's to start.
        Assert.Null(await ahead.RunAsync(["--version"]));
    }

    [Fact]
    public async Task A_failing_command_fails_with_pips_exit_code_and_words()
    {
        await EnvWithPipAsync();
        await using var ahead = PipAhead.Start(new ProcessRunner(log), log, EnvPython);

        var result = await ahead.RunAsync(["install", "--no-index", "m1-not-there"]);

        Assert.NotNull(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.OutputTail, line => line.Contains("No matching distribution found for m1-not-there", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unused_it_is_stopped_and_changes_nothing()
    {
        await EnvWithPipAsync();
        var before = EnvReader.Read(Prefix, verifyFiles: false).Distributions.Select(d => $"{d.Name} {d.Version}").ToArray();

        // Stopped, not left to finish importing pip: a hang here would be a process the build waits on.
        var aheadLog = new RecordingProvisionLog();
        await PipAhead.Start(new ProcessRunner(aheadLog), aheadLog, EnvPython).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(before, EnvReader.Read(Prefix, verifyFiles: false).Distributions.Select(d => $"{d.Name} {d.Version}"));
        Assert.Contains(aheadLog.Lines, line => line.Contains("started ahead", StringComparison.Ordinal));
        Assert.DoesNotContain(aheadLog.Lines, line => line.StartsWith("< exit code", StringComparison.Ordinal));
    }
}
