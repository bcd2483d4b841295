using System.Text.Json;
using CliWrap;
using M1Env.Core.Diagnostics;
using M1Env.Core.Processes;

namespace M1Env.Core.Pip;

/// <summary>
/// An env's pip, started before the build knows what to ask it. Importing pip is a third of a short
/// pip run; the process does it while the build reads the env and its lock, then reads its command
/// line from stdin and runs it exactly as <c>python -m pip ...</c> would. When nothing is asked of it,
/// disposing it stops the process.
/// </summary>
public sealed class PipAhead : IAsyncDisposable
{
    // What pip's own __main__ does first: the current folder must not shadow pip's modules.
    private const string Script =
        "import json, os, sys\n" +
        "if sys.path[0] in ('', os.getcwd()):\n" +
        "    sys.path.pop(0)\n" +
        "from pip._internal.cli.main import main\n" +
        "import pip._internal.commands.install\n" +
        "line = sys.stdin.readline()\n" +
        "sys.exit(main(json.loads(line)) if line.strip() else 0)\n";

    private readonly TaskCompletionSource<IReadOnlyList<string>?> arguments = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stop = new();
    private readonly IProvisionLog log;
    private readonly Task<ProcessResult> process;

    private PipAhead(ProcessRunner runner, IProvisionLog log, string python)
    {
        this.log = log;
        Python = python;
        var input = PipeSource.Create(async (stdin, cancellationToken) =>
        {
            if (await arguments.Task.ConfigureAwait(false) is { } pipArguments)
            {
                await stdin.WriteAsync(Line(pipArguments), cancellationToken).ConfigureAwait(false);
            }
        });
        process = runner.RunAsync(python, ["-c", Script], streamToLog: true, stop.Token, standardInput: input, shownAs: $"{python} -m pip (started ahead: its arguments follow)");
    }

    /// <summary>The env's interpreter the pip runs in.</summary>
    public string Python { get; }

    public static PipAhead Start(ProcessRunner runner, IProvisionLog log, string python) => new(runner, log, python);

    /// <summary>
    /// Runs <c>python -m pip</c> with <paramref name="pipArguments"/> (those after <c>-m pip</c>) in
    /// the process started ahead; null when it was given its command already, so the caller starts pip itself.
    /// </summary>
    public async Task<ProcessResult?> RunAsync(IReadOnlyList<string> pipArguments)
    {
        if (process.IsCompleted || !arguments.TrySetResult(pipArguments))
        {
            return null;
        }

        var commandLine = ProcessRunner.FormatCommandLine(Python, ["-m", "pip", .. pipArguments]);
        log.Detail("> " + UrlRedactor.Redact(commandLine));
        var result = await process.ConfigureAwait(false);
        return result with { CommandLine = UrlRedactor.Redact(commandLine) };
    }

    /// <summary>Stops the process unless it was given a command, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (arguments.TrySetResult(null))
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await process.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped before it was needed.
        }
        finally
        {
            stop.Dispose();
        }
    }

    /// <summary>The arguments as one line of JSON, which is how the script reads them.</summary>
    private static byte[] Line(IReadOnlyList<string> pipArguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var argument in pipArguments)
            {
                writer.WriteStringValue(argument);
            }

            writer.WriteEndArray();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
