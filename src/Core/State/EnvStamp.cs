using M1Env.Core.Python;

namespace M1Env.Core.State;

/// <summary>
/// What M1Env knows about a prefix. <see cref="Complete"/> is false while work is under way: a build
/// that stops midway leaves an incomplete stamp, and the next build repairs the env from it.
/// </summary>
public sealed record EnvStamp(
    int Schema,
    bool Complete,
    string ToolVersion,
    string SpecHash,
    string EnvName,
    string PythonRequest,
    PythonInterpreter Interpreter,
    IReadOnlyList<StampedPackage> PipPackages)
{
    public const int CurrentSchema = 1;
}
