using M1Env.Core.Spec;

namespace M1Env.Core.Planning;

/// <summary>What a build will do to one env, and why (the reasons are logged).</summary>
public sealed record EnvPlan(
    PlanAction Action,
    IReadOnlyList<PipRequirement> Install,
    IReadOnlyList<string> Uninstall,
    IReadOnlyList<string> Reasons)
{
    public bool CreatesEnv => Action is PlanAction.Create or PlanAction.Recreate;
}
