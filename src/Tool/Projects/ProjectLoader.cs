using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using M1Env.Core.Engine;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Tool.Projects;

/// <summary>
/// Reads a project's M1Env items and properties with <c>dotnet msbuild -getItem -getProperty</c>, so
/// the tool sees exactly what a build sees (imports, conditions, Directory.Build.props) and hands it
/// to the same Core. A project's referenced projects are read too: an app that references an env
/// project acts on that project's envs.
/// </summary>
internal static class ProjectLoader
{
    private static readonly string[] Items = ["PythonEnv", "CondaEnv", "PipPackage", "CondaPackage", "ProjectReference"];

    internal static readonly string[] Properties =
        ["MSBuildProjectFullPath", "MSBuildProjectDirectory", "BaseIntermediateOutputPath", .. M1EnvSettings.All.Select(s => s.Property)];

    /// <summary>The project and every project it references, directly or not, each once, the project first.</summary>
    /// <param name="project">A project file, a folder holding one, or null for the current folder.</param>
    public static async Task<IReadOnlyList<LoadedProject>> LoadWithReferencesAsync(string? project, CancellationToken cancellationToken)
    {
        var loaded = new List<LoadedProject>();
        var seen = new HashSet<string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<(string File, string? Referrer)>([(FindProject(project ?? Directory.GetCurrentDirectory()), null)]);
        while (pending.TryDequeue(out var item))
        {
            var (file, referrer) = item;
            if (!seen.Add(file))
            {
                continue;
            }

            if (!File.Exists(file))
            {
                throw new M1EnvException(ErrorCodes.InvalidSetting, $"{referrer} references {file}, which does not exist.");
            }

            var next = await LoadFileAsync(file, cancellationToken);
            loaded.Add(next);
            foreach (var reference in next.References)
            {
                pending.Enqueue((reference, file));
            }
        }

        return loaded;
    }

    /// <param name="project">A project file, a folder holding one, or null for the current folder.</param>
    public static Task<LoadedProject> LoadAsync(string? project, CancellationToken cancellationToken) =>
        LoadFileAsync(FindProject(project ?? Directory.GetCurrentDirectory()), cancellationToken);

    private static async Task<LoadedProject> LoadFileAsync(string file, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap("dotnet")
            .WithArguments(["msbuild", file, "-nologo", .. Items.Select(i => "-getItem:" + i), .. Properties.Select(p => "-getProperty:" + p)])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new M1EnvException(ErrorCodes.InvalidSetting, $"MSBuild could not evaluate {file}:{Environment.NewLine}{result.StandardOutput}{result.StandardError}");
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        return Read(json.RootElement);
    }

    internal static LoadedProject Read(JsonElement root)
    {
        var properties = root.GetProperty("Properties");
        string Property(string name) => properties.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
        var projectDirectory = Property("MSBuildProjectDirectory");
        var settings = ProjectSettings.FromValues(
            SettingValues.FromProperties(Property),
            Property("MSBuildProjectFullPath"),
            projectDirectory,
            Path.GetFullPath(Property("BaseIntermediateOutputPath"), projectDirectory),
            relock: false);

        var items = root.TryGetProperty("Items", out var found) ? found : default;
        IEnumerable<JsonElement> Of(string name) =>
            items.ValueKind == JsonValueKind.Object && items.TryGetProperty(name, out var list) ? list.EnumerateArray() : [];
        string? Meta(JsonElement item, string name) => item.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text ? text.Trim() : null;
        DeclarationSite? Site(JsonElement item, string itemType) =>
            Meta(item, "DefiningProjectFullPath") is { } file ? new(file, itemType, Meta(item, "Identity") ?? string.Empty) : null;

        EnvDeclaration Env(JsonElement item, EnvKind kind) =>
            new(kind, Meta(item, "Identity") ?? string.Empty, Meta(item, "Python"), Meta(item, "Prefix"), Site(item, kind == EnvKind.Conda ? ItemMetadata.CondaEnv : ItemMetadata.PythonEnv))
            {
                Channels = Meta(item, "Channels"),
                Named = Meta(item, "Named"),
                LockFile = Meta(item, "LockFile"),
                Jupyter = Meta(item, "Jupyter"),
            };

        return new LoadedProject(
            settings,
            [.. Of("PythonEnv").Select(i => Env(i, EnvKind.Venv)), .. Of("CondaEnv").Select(i => Env(i, EnvKind.Conda))],
            Of("PipPackage").Select(i => new PackageDeclaration(Meta(i, "Identity") ?? string.Empty, Meta(i, "Version"), Meta(i, "Env"), Site(i, ItemMetadata.PipPackage))
            {
                Platforms = Meta(i, "Platforms"),
                Markers = Meta(i, "Markers"),
            }).ToArray(),
            Of("CondaPackage").Select(i => new CondaPackageDeclaration(Meta(i, "Identity") ?? string.Empty, Meta(i, "Version"), Meta(i, "Channel"), Meta(i, "Env"), Site(i, ItemMetadata.CondaPackage))
            {
                Platforms = Meta(i, "Platforms"),
            }).ToArray())
        {
            References = Of("ProjectReference")
                .Select(i => Meta(i, "FullPath") ?? Path.GetFullPath(Meta(i, "Identity") ?? string.Empty, Meta(i, "DefiningProjectDirectory") ?? projectDirectory))
                .ToArray(),
        };
    }

    /// <summary>Whether <paramref name="folder"/> holds a project file (then the commands act on its envs).</summary>
    public static bool HoldsProject(string folder) => ProjectFiles(folder).Length > 0;

    private static string[] ProjectFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.*proj").Where(f => !f.EndsWith(".vcxproj", StringComparison.OrdinalIgnoreCase)).ToArray()
            : [];

    private static string FindProject(string path)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var candidates = ProjectFiles(path);
        return candidates.Length == 1
            ? candidates[0]
            : throw new M1EnvException(ErrorCodes.InvalidSetting,
                candidates.Length == 0
                    ? Directory.Exists(path) || !Path.HasExtension(path)
                        ? $"No project file in {path}: run m1env in a project's folder or pass --project."
                        : $"There is no project file {path}."
                    : $"{path} holds several project files ({string.Join(", ", candidates.Select(Path.GetFileName))}): pass --project.");
    }
}
