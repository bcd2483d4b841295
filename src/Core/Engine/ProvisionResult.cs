using M1Env.Core.Backends;
using M1Env.Core.State;

namespace M1Env.Core.Engine;

/// <summary>A ready env, as the build hands it on, and what the build did to it.</summary>
public sealed record ProvisionResult(ProvisionedEnv Env, PlanAction Action)
{
    public string Python => Env.Python;

    public string SpecHash => Env.SpecHash;
}
