using M1Env.Core.Errors;

namespace M1Env.Core.Spec;

public sealed record SpecBuildResult(IReadOnlyList<EnvSpec> Envs, IReadOnlyList<SpecError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
