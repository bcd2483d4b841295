using M1Env.Core.Backends;

namespace M1Env.Core.Engine.Planning;

/// <summary>The env as a whole is made (<see cref="PlanAction.Create"/>) or made again (<see cref="PlanAction.Recreate"/>), and why.</summary>
public sealed record EnvVerdict(PlanAction Action, string Reason);
