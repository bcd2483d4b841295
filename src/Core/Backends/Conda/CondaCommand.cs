using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Runs one conda command for an env and reads its JSON result; a failure becomes the coded error
/// that names what is wrong (<see cref="CondaFailure"/>). libmamba's programs (micromamba, mamba 2.x)
/// print only <c>"solver_problems": ["unsupported request"]</c> with <c>--json</c> when a solve fails,
/// and explain it only in their text output, so a solve that failed is run once more, as a dry run
/// without <c>--json</c>, for its explanation: it solves again and changes nothing.
/// </summary>
public sealed class CondaCommand(ProcessRunner runner, CondaTool tool)
{
    private static readonly TimeSpan RerunTimeout = TimeSpan.FromMinutes(10);

    /// <param name="solves">The command solves (create or install with specs, a dry run): its failure is worth a rerun for the explanation.</param>
    /// <param name="explicitFile">conda prints no result for an explicit file that succeeds, only its errors: an empty stdout is success then.</param>
    /// <returns>The result and the transaction it printed; null for an explicit file's silent success.</returns>
    /// <exception cref="M1EnvException">The command failed, or printed no successful result.</exception>
    public async Task<(ProcessResult Result, CondaTransaction? Transaction)> RunAsync(
        string envName,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        bool solves,
        CancellationToken cancellationToken,
        bool explicitFile = false)
    {
        var result = await runner.RunAsync(tool.Executable, arguments, streamToLog: true, cancellationToken, environment: environment, stdoutIsData: true).ConfigureAwait(false);
        if (explicitFile && result.Succeeded && !result.TimedOut && string.IsNullOrWhiteSpace(result.StandardOutput))
        {
            return (result, null);
        }

        if (CondaTransaction.OfSuccess(result) is { } transaction)
        {
            return (result, transaction);
        }

        var plain = solves && !result.TimedOut && tool.CommandLine == CondaCommandLine.Libmamba
            ? await runner.RunAsync(tool.Executable, CondaArguments.ExplainingRerun(arguments), streamToLog: false, cancellationToken, RerunTimeout, environment).ConfigureAwait(false)
            : null;
        throw CondaFailure.Explain(result, envName, plain);
    }
}
