using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Spec;

/// <summary>A pip package exactly as the user wrote it, before validation.</summary>
/// <param name="DeclaredIn">Where the item is declared (MSBuild's DefiningProjectFullPath, its type and Include), where its errors point.</param>
public sealed record PackageDeclaration(string Name, string? Version, string? Env, DeclarationSite? DeclaredIn = null)
{
    /// <summary>The <c>Platforms</c> metadata: <c>osx-arm64;linux-x64</c>, the names of M1EnvLockPlatforms.</summary>
    public string? Platforms { get; init; }

    /// <summary>The <c>Markers</c> metadata: a PEP 508 marker, as after <c>;</c> in a requirements line.</summary>
    public string? Markers { get; init; }
}
