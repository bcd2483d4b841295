using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Python;

namespace M1Env.Core.Backends.Venv;

/// <summary>Turns a failed <c>python -m venv</c> into an error whose advice fits what its output says went wrong.</summary>
internal static class VenvFailure
{
    public static M1EnvException Explain(ProcessResult result, PythonInterpreter interpreter, string prefix)
    {
        var output = string.Join("\n", result.OutputTail);
        var failed = $"Creating the venv {prefix} with {interpreter.Executable} failed (exit code {result.ExitCode})";
        if (Says(output, "No space left on device", "Errno 28", "Disk quota exceeded"))
        {
            return new M1EnvException(ErrorCodes.FileSystemError, $"{failed}: the disk is full. Free some space on the disk of {prefix}, then build again.", result.Transcript);
        }

        if (Says(output, "Permission denied", "Errno 13", "Read-only file system"))
        {
            return new M1EnvException(ErrorCodes.FileSystemError, $"{failed}: it may not write there. Check the permissions of {prefix} or choose another Prefix.", result.Transcript);
        }

        if (Says(output, "ensurepip is not", "No module named ensurepip", "No module named venv"))
        {
            var version = $"{interpreter.ParsedVersion.Major}.{interpreter.ParsedVersion.Minor}";
            return new M1EnvException(ErrorCodes.VenvCreationFailed, $"{failed}: this Python cannot make venvs. On Debian/Ubuntu install python{version}-venv.", result.Transcript);
        }

        return new M1EnvException(ErrorCodes.VenvCreationFailed, $"{failed}; its output follows.", result.Transcript);
    }

    private static bool Says(string output, params string[] phrases) =>
        phrases.Any(phrase => output.Contains(phrase, StringComparison.OrdinalIgnoreCase));
}
