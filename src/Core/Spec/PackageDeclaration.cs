namespace M1Env.Core.Spec;

/// <summary>A pip package exactly as the user wrote it, before validation.</summary>
/// <param name="DeclaredIn">The file that declares the item (MSBuild's DefiningProjectFullPath), where its errors point.</param>
public sealed record PackageDeclaration(string Name, string? Version, string? Env, string? DeclaredIn = null);
