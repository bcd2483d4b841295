namespace M1Env.Core.Spec;

/// <summary>What a declaration is resolved against: where relative paths start and where pip looks.</summary>
public sealed record SpecContext(string ProjectDirectory, string EnvRoot, PackageSourceSettings Sources);
