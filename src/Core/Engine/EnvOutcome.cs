using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Core.Engine;

/// <summary>What became of one env: its result, or the coded error that stopped it.</summary>
public sealed record EnvOutcome(EnvSpec Spec, ProvisionResult? Result, M1EnvException? Error);
