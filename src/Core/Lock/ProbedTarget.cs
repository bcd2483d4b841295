namespace M1Env.Core.Lock;

/// <summary>What <see cref="TargetEnvironmentProbe"/> learnt, and whether the probed path is the interpreter itself (<see cref="Processes.ProbedExecutable"/>).</summary>
public sealed record ProbedTarget(TargetEnvironment Target, bool RunsItself);
