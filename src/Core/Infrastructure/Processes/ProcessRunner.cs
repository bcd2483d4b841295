using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CliWrap;
using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Infrastructure.Processes;

/// <summary>
/// Runs every external command M1Env starts: an executable and an argument list (never a shell
/// string), each output line streamed to the log as it comes, cancellable, optionally with a time limit.
/// </summary>
public sealed class ProcessRunner(IProvisionLog log)
{
    private const int TailLines = 25;

    private static readonly IReadOnlyDictionary<string, string?> QuietPython = new Dictionary<string, string?>
    {
        ["PYTHONUNBUFFERED"] = "1",
        ["PYTHONIOENCODING"] = "utf-8",
        ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1",
        ["PIP_NO_INPUT"] = "1",
        ["PIP_PROGRESS_BAR"] = "off",
    };

    /// <param name="streamToLog">False for probes whose stdout is data, not progress.</param>
    /// <param name="timeout">When set, a command still running after it is killed with every process it started, and the result says it timed out.</param>
    /// <param name="environment">Variables set for the command, besides those that keep Python and pip quiet.</param>
    /// <param name="stdoutIsData">Stream only stderr to the log: stdout is a document (conda's JSON), kept for the caller and the error tail.</param>
    public async Task<ProcessResult> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        bool streamToLog,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool stdoutIsData = false)
    {
        var commandLine = UrlRedactor.Redact(FormatCommandLine(executable, arguments));
        // A probe's script is data: its first line is enough to tell the processes apart. Each
        // argument is shown whole but a huge one (a 5,000-character name), which is cut as any quoted value.
        var shown = UrlRedactor.Redact(FormatCommandLine(executable, arguments.Select(InputQuote.Line).ToArray()));
        log.Detail("> " + (streamToLog ? shown : shown.Split('\n')[0]));
        var started = Stopwatch.GetTimestamp();

        var stdout = new StringBuilder();
        var tail = new Queue<string>();
        var errorTail = new Queue<string>();
        void OnLine(string line) => Record(line, streamToLog, errorTail);
        void OnDataLine(string line) => Record(line, streamToLog && !stdoutIsData, null);
        void Record(string line, bool toLog, Queue<string>? streamTail)
        {
            var redacted = UrlRedactor.Redact(line);
            lock (tail)
            {
                Keep(tail, redacted);
                if (streamTail is not null)
                {
                    Keep(streamTail, redacted);
                }
            }

            // The tail keeps whole lines, which the callers parse; the log gets them cut.
            if (toLog)
            {
                log.Detail(InputQuote.Line(redacted));
            }
        }

        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithEnvironmentVariables(environment is null ? QuietPython : QuietPython.Concat(environment).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.Merge(PipeTarget.ToStringBuilder(stdout), PipeTarget.ToDelegate(OnDataLine)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnLine));

        string[] Tail()
        {
            lock (tail)
            {
                return tail.ToArray();
            }
        }

        string[] ErrorTail()
        {
            lock (tail)
            {
                return errorTail.ToArray();
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        try
        {
            // CliWrap kills the whole process tree when the token fires, so a child holding the pipes open cannot outlive it.
            var result = await command.ExecuteAsync(deadline.Token).ConfigureAwait(false);
            log.Detail(string.Create(CultureInfo.InvariantCulture, $"< exit code {result.ExitCode} after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s: {Path.GetFileName(executable)}"));
            return new ProcessResult(commandLine, result.ExitCode, stdout.ToString(), Tail()) { ErrorTail = ErrorTail() };
        }
        catch (OperationCanceledException) when (timeout is not null && !cancellationToken.IsCancellationRequested)
        {
            return new ProcessResult(
                commandLine,
                -1,
                stdout.ToString(),
                [.. Tail(), string.Create(CultureInfo.InvariantCulture, $"killed: still running after {timeout.Value.TotalSeconds:0.###} s")],
                TimedOut: true)
            {
                ErrorTail = ErrorTail(),
            };
        }
        catch (Win32Exception exception)
        {
            // The callers turn a failed start into their own coded error, like any other failure.
            return new ProcessResult(commandLine, -1, string.Empty, [$"could not start '{executable}': {exception.Message}"]);
        }
    }

    public static string FormatCommandLine(string executable, IEnumerable<string> arguments) =>
        string.Join(" ", new[] { executable }.Concat(arguments).Select(Quote));

    private static void Keep(Queue<string> lines, string line)
    {
        lines.Enqueue(line);
        if (lines.Count > TailLines)
        {
            lines.Dequeue();
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=@+,[]<>!~*".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
