namespace M1Env.Core.Spec;

/// <summary>A pip package exactly as the user wrote it, before validation.</summary>
public sealed record PackageDeclaration(string Name, string? Version, string? Env);
