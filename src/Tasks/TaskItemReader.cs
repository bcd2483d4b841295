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
        items.Select(item => new PackageDeclaration(item.ItemSpec, Metadata(item, "Version"), Metadata(item, "Env"), DeclaredIn(item))
        {
            Platforms = Metadata(item, "Platforms"),
            Markers = Metadata(item, "Markers"),
        }).ToArray();

    public static IReadOnlyList<CondaPackageDeclaration> CondaPackages(ITaskItem[] items) =>
        items.Select(item => new CondaPackageDeclaration(item.ItemSpec, Metadata(item, "Version"), Metadata(item, "Channel"), Metadata(item, "Env"), DeclaredIn(item))
        {
            Platforms = Metadata(item, "Platforms"),
        }).ToArray();

    /// <summary>The project file that declares the item (MSBuild sets this metadata on every item), or null.</summary>
    public static string? DeclaredIn(ITaskItem item) => Metadata(item, "DefiningProjectFullPath");

    private static EnvDeclaration Env(ITaskItem item, EnvKind kind) =>
        new(kind, item.ItemSpec.Trim(), Metadata(item, "Python"), Metadata(item, "Prefix"), DeclaredIn(item))
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
