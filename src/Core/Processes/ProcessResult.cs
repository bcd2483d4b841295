namespace M1Env.Core.Processes;

/// <summary>How an external command ended: its exit code, what it printed on stdout, and its last lines.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, IReadOnlyList<string> OutputTail)
{
    public bool Succeeded => ExitCode == 0;
}
