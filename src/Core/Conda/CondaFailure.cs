using M1Env.Core.Errors;
using M1Env.Core.Processes;

namespace M1Env.Core.Conda;

/// <summary>Placeholder until the full translator of conda's errors lands.</summary>
public static class CondaFailure
{
    public static M1EnvException Explain(ProcessResult result, string envName) =>
        new(ErrorCodes.CondaCommandFailed, $"conda failed for environment '{envName}' (exit code {result.ExitCode}).", result.Transcript);
}
