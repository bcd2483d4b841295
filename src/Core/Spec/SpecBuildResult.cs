using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Spec;

public sealed record SpecBuildResult(IReadOnlyList<EnvSpec> Envs, IReadOnlyList<SpecError> Errors)
{
    /// <summary>Problems that do not stop the build (a package for a platform the lock does not cover).</summary>
    public IReadOnlyList<SpecError> Warnings { get; init; } = [];

    public bool Succeeded => Errors.Count == 0;
}
