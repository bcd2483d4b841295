using M1Env.Core.Processes;
using M1Env.Core.Python;

namespace M1Env.Core.Venv;

/// <summary>Creates venvs with the standard library's <c>venv</c> module.</summary>
public sealed class VenvBackend(ProcessRunner runner)
{
    public async Task CreateAsync(PythonInterpreter interpreter, string prefix, string prompt, CancellationToken cancellationToken)
    {
        // With pip (ensurepip ships its wheel, so this works offline): people expect to activate the
        // env and run pip in it.
        var result = await runner.RunAsync(
            interpreter.Executable,
            ["-m", "venv", "--prompt", prompt, prefix],
            streamToLog: true,
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || !VenvLayout.LooksLikeVenv(prefix))
        {
            throw VenvFailure.Explain(result, interpreter, prefix);
        }
    }
}
