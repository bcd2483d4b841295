using M1Env.Core.Errors;

namespace M1Env.Core.Spec;

/// <summary>A pip package exactly as the user wrote it, before validation.</summary>
/// <param name="DeclaredIn">Where the item is declared (MSBuild's DefiningProjectFullPath, its type and Include), where its errors point.</param>
public sealed record PackageDeclaration(string Name, string? Version, string? Env, DeclarationSite? DeclaredIn = null);
