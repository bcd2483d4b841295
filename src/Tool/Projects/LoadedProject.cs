using M1Env.Core.Engine;
using M1Env.Core.Spec;

namespace M1Env.Tool.Projects;

/// <summary>A project's M1Env declarations and properties, as MSBuild evaluates them.</summary>
internal sealed record LoadedProject(
    ProjectSettings Settings,
    IReadOnlyList<EnvDeclaration> Envs,
    IReadOnlyList<PackageDeclaration> PipPackages,
    IReadOnlyList<CondaPackageDeclaration> CondaPackages)
{
    /// <summary>The full paths of the projects it references (<c>ProjectReference</c>), whose envs it uses too.</summary>
    public IReadOnlyList<string> References { get; init; } = [];
}
