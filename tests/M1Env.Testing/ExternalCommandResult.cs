namespace M1Env.Testing;

/// <param name="Output">Standard output and standard error, interleaved as they came.</param>
/// <param name="Killed">True when the run was stopped on purpose (a kill condition matched).</param>
public sealed record ExternalCommandResult(int ExitCode, string StandardOutput, string StandardError, string Output, bool Killed)
{
    public bool Succeeded => ExitCode == 0 && !Killed;

    public override string ToString() => $"exit code {ExitCode}{(Killed ? " (killed)" : string.Empty)}{Environment.NewLine}{Output}";
}
