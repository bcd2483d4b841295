namespace M1Env.Core.Spec;

/// <summary>A validated, canonical environment: everything that decides what ends up in the prefix.</summary>
public sealed record EnvSpec(
    string Name,
    EnvKind Kind,
    PythonRequest Python,
    string Prefix,
    IReadOnlyList<PipRequirement> PipPackages,
    PackageSourceSettings Sources);
