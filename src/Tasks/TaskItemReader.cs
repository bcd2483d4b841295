using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;
using Microsoft.Build.Framework;

namespace M1Env.Tasks;

/// <summary>Reads MSBuild items into Core's declarations, exactly as written (Core validates them).</summary>
internal static class TaskItemReader
{
    public static IReadOnlyList<EnvDeclaration> Envs(ITaskItem[] pythonEnvs, ITaskItem[] condaEnvs) =>
        pythonEnvs.Select(item => Env(item, EnvKind.Venv))
            .Concat(condaEnvs.Select(item => Env(item, EnvKind.Conda)))
            .ToArray();

    public static IReadOnlyList<PackageDeclaration> PipPackages(ITaskItem[] items) =>
        items.Select(item => new PackageDeclaration(item.ItemSpec, Metadata(item, "Version"), Metadata(item, "Env"), DeclaredIn(item, ItemMetadata.PipPackage, item.ItemSpec))
        {
            Platforms = Metadata(item, "Platforms"),
            Markers = Metadata(item, "Markers"),
        }).ToArray();

    public static IReadOnlyList<CondaPackageDeclaration> CondaPackages(ITaskItem[] items) =>
        items.Select(item => new CondaPackageDeclaration(item.ItemSpec, Metadata(item, "Version"), Metadata(item, "Channel"), Metadata(item, "Env"), DeclaredIn(item, ItemMetadata.CondaPackage, item.ItemSpec))
        {
            Platforms = Metadata(item, "Platforms"),
        }).ToArray();

    /// <summary>Where the item is declared: the project file (MSBuild sets DefiningProjectFullPath on every item), or null.</summary>
    public static DeclarationSite? DeclaredIn(ITaskItem item, string itemType, string include) =>
        Metadata(item, "DefiningProjectFullPath") is { } file ? new DeclarationSite(file, itemType, include) : null;

    private static EnvDeclaration Env(ITaskItem item, EnvKind kind) =>
        new(kind, item.ItemSpec.Trim(), Metadata(item, "Python"), Metadata(item, "Prefix"),
            DeclaredIn(item, kind == EnvKind.Conda ? ItemMetadata.CondaEnv : ItemMetadata.PythonEnv, item.ItemSpec.Trim()))
        {
            Channels = Metadata(item, "Channels"),
            Named = Metadata(item, "Named"),
            LockFile = Metadata(item, "LockFile"),
            Jupyter = Metadata(item, "Jupyter"),
        };

    private static string? Metadata(ITaskItem item, string name)
    {
        var value = item.GetMetadata(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
