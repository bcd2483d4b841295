using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Spec;

/// <summary>A conda package exactly as the user wrote it, before validation.</summary>
/// <param name="Version">A conda match spec version (<c>&gt;=1.26,&lt;2</c>, <c>1.26.*</c>), or a bare version meaning exactly it.</param>
/// <param name="Channel">The channel this package must come from (<c>conda-forge::numpy</c>), or null for the env's channels.</param>
/// <param name="DeclaredIn">Where the item is declared, where its errors point.</param>
public sealed record CondaPackageDeclaration(string Name, string? Version, string? Channel, string? Env, DeclarationSite? DeclaredIn = null)
{
    /// <summary>The <c>Platforms</c> metadata: <c>osx-arm64;linux-x64</c>, the names of M1EnvLockPlatforms.</summary>
    public string? Platforms { get; init; }
}
