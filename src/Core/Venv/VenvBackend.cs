using M1Env.Core.Errors;
using M1Env.Core.Processes;
using M1Env.Core.Python;

namespace M1Env.Core.Venv;

/// <summary>Creates and deletes venvs with the standard library's <c>venv</c> module.</summary>
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
            throw new M1EnvException(
                ErrorCodes.VenvCreationFailed,
                $"Creating the venv {prefix} with {interpreter.Executable} failed (exit code {result.ExitCode}). On Debian/Ubuntu install python{interpreter.ParsedVersion.Major}.{interpreter.ParsedVersion.Minor}-venv; otherwise see the output below.",
                result.Transcript);
        }
    }

    /// <summary>Deletes a venv M1Env made. Callers check that the prefix is one before calling.</summary>
    public static void Delete(string prefix)
    {
        if (Directory.Exists(prefix))
        {
            Directory.Delete(prefix, recursive: true);
        }
    }
}
