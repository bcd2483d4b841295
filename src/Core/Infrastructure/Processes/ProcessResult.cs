namespace M1Env.Core.Infrastructure.Processes;

/// <summary>How an external command ended: its exit code, what it printed on stdout, and its last lines.</summary>
/// <param name="CommandLine">The command as a person would type it, credentials removed: for logs and errors only.</param>
/// <param name="TimedOut">The command ran past its time limit and was killed.</param>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, IReadOnlyList<string> OutputTail, bool TimedOut = false)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The last lines of stderr alone (<see cref="OutputTail"/> mixes both streams); empty where not kept.
    /// A tool that prints its error on stderr and a long JSON document on stdout after it loses the error from <see cref="OutputTail"/>.
    /// </summary>
    public IReadOnlyList<string> ErrorTail { get; init; } = [];

    /// <summary>The command, then the last lines it printed: what an error shows under its message.</summary>
    public IReadOnlyList<string> Transcript => ["$ " + CommandLine, .. OutputTail];
}
