namespace M1Env.Core.Spec;

/// <summary>An environment exactly as the user wrote it, before validation.</summary>
public sealed record EnvDeclaration(EnvKind Kind, string Name, string? Python, string? Prefix);
