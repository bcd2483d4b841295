using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace M1Env.Sdk.Tests.Infrastructure;

/// <summary>Runs real programs for the tests, optionally under strace to record every process started.</summary>
internal static partial class ProcessRunner
{
    [GeneratedRegex("""execve\("(?<path>[^"]+)", """)]
    private static partial Regex Execve();

    public static bool CanTrace { get; } = OperatingSystem.IsLinux() && File.Exists("/usr/bin/strace");

    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        bool trace = false,
        TimeSpan? timeout = null,
        Func<string, bool>? killWhen = null)
    {
        var traceFile = trace ? Path.Combine(Path.GetTempPath(), $"m1env-trace-{Guid.NewGuid():N}.txt") : null;
        var start = new ProcessStartInfo
        {
            FileName = trace ? "/usr/bin/strace" : program,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (traceFile is not null)
        {
            foreach (var argument in new[] { "-f", "-qq", "-e", "trace=execve", "-e", "signal=none", "-o", traceFile, program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A build started from a test must not inherit the MSBuild settings of the test run itself,
        // and pip must see only the sources the test declares, not this machine's pip settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("PIP_", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(key);
        }

        start.Environment["PIP_CONFIG_FILE"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var killed = false;
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (killWhen?.Invoke(line) == true && !killed)
            {
                killed = true;
                process.Kill(entireProcessTree: true);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(" ", arguments)} did not finish in time:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        IReadOnlyList<string>? programs = null;
        if (traceFile is not null)
        {
            programs = File.ReadLines(traceFile)
                .Select(line => Execve().Match(line))
                .Where(match => match.Success)
                .Select(match => match.Groups["path"].Value)
                .ToArray();
            File.Delete(traceFile);
        }

        return new CommandResult(process.ExitCode, output.ToString(), programs);
    }
}
