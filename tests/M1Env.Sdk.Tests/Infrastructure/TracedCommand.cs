using System.Text.RegularExpressions;
using M1Env.Testing;

namespace M1Env.Sdk.Tests.Infrastructure;

/// <summary>Runs real programs for the tests, optionally under strace to record every process started.</summary>
internal static partial class TracedCommand
{
    // The argument list ends at the last "], ": the environment after it is a pointer (strace abbreviates it).
    [GeneratedRegex("""execve\("(?<path>[^"]+)", (?:\[(?<argv>.*)\], )?""")]
    private static partial Regex Execve();

    [GeneratedRegex(""""(?<arg>(?:[^"\\]|\\.)*)"""")]
    private static partial Regex QuotedArgument();

    public static bool CanTrace { get; } = OperatingSystem.IsLinux() && File.Exists("/usr/bin/strace");

    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        bool trace = false,
        TimeSpan? timeout = null,
        Func<string, bool>? killWhen = null)
    {
        // A build started from a test must not inherit the MSBuild settings of the test run itself,
        // and pip must see only the sources the test declares, not this machine's pip settings.
        var variables = ExternalCommand.Without("MSBUILD", "PIP_");
        variables["PIP_CONFIG_FILE"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var traceFile = trace ? Path.Combine(Path.GetTempPath(), $"m1env-trace-{Guid.NewGuid():N}.txt") : null;
        IEnumerable<string> traced = traceFile is null
            ? arguments
            : ["-f", "-qq", "-s", "4096", "-e", "trace=execve", "-e", "signal=none", "-o", traceFile, program, .. arguments];
        var result = await ExternalCommand.RunAsync(
            traceFile is null ? program : "/usr/bin/strace",
            traced,
            workingDirectory,
            variables,
            killWhen,
            timeout);

        IReadOnlyList<string>? programs = null;
        IReadOnlyList<IReadOnlyList<string>>? commandLines = null;
        if (traceFile is not null)
        {
            var matches = File.ReadLines(traceFile)
                .Select(line => Execve().Match(line))
                .Where(match => match.Success)
                .ToArray();
            programs = matches.Select(match => match.Groups["path"].Value).ToArray();
            commandLines = matches
                .Select(match => (IReadOnlyList<string>)QuotedArgument().Matches(match.Groups["argv"].Value).Select(a => a.Groups["arg"].Value).ToArray())
                .ToArray();
            File.Delete(traceFile);
        }

        return new CommandResult(result.Killed ? -1 : result.ExitCode, result.Output, programs) { ExecutedCommandLines = commandLines };
    }
}
