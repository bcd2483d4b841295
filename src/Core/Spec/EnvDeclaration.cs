using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Spec;

/// <summary>An environment exactly as the user wrote it, before validation.</summary>
/// <param name="DeclaredIn">Where the item is declared (MSBuild's DefiningProjectFullPath, its type and Include), where its errors point.</param>
public sealed record EnvDeclaration(EnvKind Kind, string Name, string? Python, string? Prefix, DeclarationSite? DeclaredIn = null)
{
    /// <summary>A conda env's channels, a ';'-list (default conda-forge).</summary>
    public string? Channels { get; init; }

    /// <summary>A conda env's <c>Named</c> metadata: "true" puts it in conda's envs folder, so <c>conda activate NAME</c> works.</summary>
    public string? Named { get; init; }

    /// <summary>The env's <c>Jupyter</c> metadata: "true" registers a Jupyter kernel for it.</summary>
    public string? Jupyter { get; init; }

    /// <summary>The env's <c>LockFile</c> metadata: where its lock is kept, relative to the project.</summary>
    public string? LockFile { get; init; }
}
