namespace M1Env.Core.Spec;

/// <summary>An environment exactly as the user wrote it, before validation.</summary>
/// <param name="DeclaredIn">The file that declares the item (MSBuild's DefiningProjectFullPath), where its errors point.</param>
public sealed record EnvDeclaration(EnvKind Kind, string Name, string? Python, string? Prefix, string? DeclaredIn = null);
