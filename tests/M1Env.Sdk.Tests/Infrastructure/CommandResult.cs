namespace M1Env.Sdk.Tests.Infrastructure;

/// <param name="ExecutedPrograms">Every program the command and its children started (from strace), or null where not traced.</param>
internal sealed record CommandResult(int ExitCode, string Output, IReadOnlyList<string>? ExecutedPrograms)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}";
}
