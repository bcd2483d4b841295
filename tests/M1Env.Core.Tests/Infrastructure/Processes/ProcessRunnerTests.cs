using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Testing;

namespace M1Env.Core.Tests.Infrastructure.Processes;

public class ProcessRunnerTests
{
    [Fact]
    public async Task Streams_every_line_and_keeps_the_command_and_exit_code()
    {
        var log = new RecordingProvisionLog();
        var python = PythonFinder.Find();
        var result = await new ProcessRunner(log).RunAsync(
            python,
            ["-c", "import sys; print('out 1'); print('err 1', file=sys.stderr); print('https://user:pw@host/simple'); sys.exit(3)"],
            streamToLog: true,
            CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("> " + python + " -c ", log.Lines[0], StringComparison.Ordinal);
        Assert.Contains("out 1", log.Lines);
        Assert.Contains("err 1", log.Lines);
        Assert.Contains("https://****@host/simple", log.Lines);
        Assert.DoesNotContain(log.Lines, line => line.Contains("pw@", StringComparison.Ordinal));
        Assert.Equal("$ " + result.CommandLine, result.Transcript[0]);
    }

    [Fact]
    public async Task Keeps_the_tail_of_stderr_apart_from_a_long_stdout_document()
    {
        var result = await new ProcessRunner(NullProvisionLog.Instance).RunAsync(
            PythonFinder.Find(),
            ["-c", "import sys; print('critical libmamba Found incorrect downloads. Aborting', file=sys.stderr, flush=True); [print(i) for i in range(40)]"],
            streamToLog: false,
            CancellationToken.None,
            stdoutIsData: true);

        Assert.DoesNotContain("critical libmamba Found incorrect downloads. Aborting", result.OutputTail);
        Assert.Equal(["critical libmamba Found incorrect downloads. Aborting"], result.ErrorTail);
    }

    [Fact]
    public async Task A_program_that_cannot_start_is_a_failed_result_not_a_crash()
    {
        var result = await new ProcessRunner(NullProvisionLog.Instance).RunAsync(
            "/nonexistent/python3.11", ["-V"], streamToLog: false, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("could not start '/nonexistent/python3.11'", result.OutputTail.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_the_process()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ProcessRunner(NullProvisionLog.Instance).RunAsync(
            PythonFinder.Find(), ["-c", "import time; time.sleep(60)"], streamToLog: false, cancellation.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_timeout_kills_the_process_and_every_child_and_says_so()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The hanging program is a shell script.
        }

        using var temp = new TempDirectory("m1env-timeout");
        var childPidFile = temp.Combine("child.pid");
        var script = temp.Combine("hang.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho started\nsleep 60 &\necho $! > '{childPidFile}'\nwait\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var started = DateTime.UtcNow;
        var result = await new ProcessRunner(NullProvisionLog.Instance).RunAsync(
            script, [], streamToLog: false, CancellationToken.None, timeout: TimeSpan.FromSeconds(2));

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
        Assert.Equal(["started", "killed: still running after 2 s"], result.OutputTail);
        var child = int.Parse(File.ReadAllText(childPidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ExitsWithinAsync(child, TimeSpan.FromSeconds(10)), $"the child 'sleep 60' ({child}) still runs");
    }

    [Fact]
    public async Task A_command_that_ends_in_time_is_not_marked_timed_out()
    {
        var result = await new ProcessRunner(NullProvisionLog.Instance).RunAsync(
            PythonFinder.Find(), ["-c", "print('ok')"], streamToLog: false, CancellationToken.None, timeout: TimeSpan.FromSeconds(60));

        Assert.False(result.TimedOut);
        Assert.True(result.Succeeded);
        Assert.Equal("ok", result.StandardOutput.Trim());
    }

    [Theory]
    [InlineData(new[] { "-m", "pip", "install", "numpy==2.0" }, "python -m pip install numpy==2.0")]
    [InlineData(new[] { "-c", "print('hi there')" }, "python -c 'print('\\''hi there'\\'')'")]
    public void Formats_command_lines_a_person_can_paste(string[] arguments, string expected) =>
        Assert.Equal(expected, ProcessRunner.FormatCommandLine("python", arguments));

    // A killed child whose parent died too may linger as a zombie until init reaps it: that counts as ended.
    private static async Task<bool> ExitsWithinAsync(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsRunning(pid))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            var stat = $"/proc/{pid}/stat";
            try
            {
                var fields = File.ReadAllText(stat);
                return fields[(fields.LastIndexOf(')') + 2)..][0] != 'Z';
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
