using M1Env.Core.Backends;
using M1Env.Core.Inspection;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Engine.Planning;

/// <summary>Everything the planner weighs, gathered beforehand so that planning itself reads and starts nothing.</summary>
/// <param name="Interpreter">What the env is made from; null when it cannot be known before the env is made (a new conda env).</param>
/// <param name="SpecHash">The hash of the declaration with <paramref name="Interpreter"/>.</param>
/// <param name="RealPrefix">The prefix with every link resolved.</param>
/// <param name="RecordedLocation">Where the env says it was made (the stamp's location, else pyvenv.cfg's command), real path; null when unknown.</param>
/// <param name="Disk">What is installed, read from the prefix (empty when the prefix is not a venv).</param>
public sealed record PlanInputs(
    EnvSpec Spec,
    PythonInterpreter? Interpreter,
    string SpecHash,
    string SourcesHash,
    string ToolVersion,
    string RealPrefix,
    string? RecordedLocation,
    EnvStamp? Stamp,
    PrefixFacts Facts,
    InstalledEnv Disk)
{
    /// <summary>The backend's planner for the env's own package manager's layer (<see cref="IEnvBackend.PlanNative"/>); a venv has none.</summary>
    public Func<EnvSpec, EnvStamp?, InstalledEnv, NativePlan> PlanNative { get; init; } = (_, _, _) => NativePlan.None;
}
