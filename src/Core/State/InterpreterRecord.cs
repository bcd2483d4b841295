using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Packaging;
using M1Env.Core.Python;

namespace M1Env.Core.State;

/// <summary>
/// The base interpreter an env was made from, as probed once, with the fingerprint of its file. It
/// outlives <c>dotnet clean</c> (it describes the interpreter, not the env's packages), so a build
/// after a clean knows the interpreter without starting it, as long as the file is unchanged.
/// </summary>
/// <param name="HandOff">What an embedding app needs (libpython, stdlib, site-packages); null until probed.</param>
public sealed record InterpreterRecord(PythonInterpreter Interpreter, FileFingerprint Fingerprint, EnvHandOff? HandOff)
{
    /// <summary>Which wheels the interpreter takes and its marker values, once a lock was installed for it; null until then.</summary>
    public TargetEnvironment? Target { get; init; }

    /// <summary>True when the interpreter's file is still the one that was probed.</summary>
    public bool IsCurrent() => Fingerprint == FileFingerprint.Of(Interpreter.Executable);
}
