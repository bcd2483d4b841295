using System.Text;
using CliWrap;

namespace M1Env.Testing;

/// <summary>
/// Runs a real program for a test, through CliWrap with an argument list, and captures what it
/// printed. It can stop the program (and its children) when a line of output matches, to test
/// what an interrupted run leaves behind.
/// </summary>
public static class ExternalCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<ExternalCommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        Func<string, bool>? killWhen = null,
        TimeSpan? timeout = null)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var output = new StringBuilder();
        using var kill = new CancellationTokenSource();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(kill.Token, deadline.Token);

        void OnLine(StringBuilder stream, string line)
        {
            lock (output)
            {
                stream.AppendLine(line);
                output.AppendLine(line);
            }

            if (killWhen?.Invoke(line) == true)
            {
                kill.Cancel();
            }
        }

        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory ?? Directory.GetCurrentDirectory())
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => OnLine(stdout, line)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => OnLine(stderr, line)));

        try
        {
            var result = await command.ExecuteAsync(stop.Token);
            return new ExternalCommandResult(result.ExitCode, stdout.ToString(), stderr.ToString(), output.ToString(), Killed: false);
        }
        catch (OperationCanceledException) when (kill.IsCancellationRequested)
        {
            return new ExternalCommandResult(-1, stdout.ToString(), stderr.ToString(), output.ToString(), Killed: true);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{program} {string.Join(" ", arguments)} ran past {timeout ?? DefaultTimeout}:{Environment.NewLine}{output}");
        }
    }

    /// <summary>Null values for every variable of this process whose name starts with one of the prefixes.</summary>
    public static Dictionary<string, string?> Without(params string[] prefixes) =>
        Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(name => name, _ => (string?)null);
}
