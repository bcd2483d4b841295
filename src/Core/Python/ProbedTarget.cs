using M1Env.Core.Packaging;

namespace M1Env.Core.Python;

/// <summary>What <see cref="TargetEnvironmentProbe"/> learnt, and whether the probed path is the interpreter itself (<see cref="ProbedExecutable"/>).</summary>
public sealed record ProbedTarget(TargetEnvironment Target, bool RunsItself);
