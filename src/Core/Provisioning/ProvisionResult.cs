using M1Env.Core.Planning;

namespace M1Env.Core.Provisioning;

/// <summary>A ready env: where it is, its interpreter, the hash it was made from, and what the build did.</summary>
public sealed record ProvisionResult(string Name, string Prefix, string Python, string SpecHash, PlanAction Action);
