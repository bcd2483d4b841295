namespace M1Env.Sdk.Tests.Infrastructure;

/// <param name="ExecutedPrograms">Every program the command and its children started (from strace), or null where not traced.</param>
internal sealed record CommandResult(int ExitCode, string Output, IReadOnlyList<string>? ExecutedPrograms)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The argument list of each program in <see cref="ExecutedPrograms"/>, in the same order (strings as strace writes them, escapes and all).</summary>
    public IReadOnlyList<IReadOnlyList<string>>? ExecutedCommandLines { get; init; }

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}";
}
