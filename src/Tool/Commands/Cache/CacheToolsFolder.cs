using System.CommandLine;
using System.Globalization;
using M1Env.Tool.Projects;

namespace M1Env.Tool.Commands.Cache;

/// <summary>Which tools folder the cache commands work on, and how they print sizes.</summary>
internal static class CacheToolsFolder
{
    public static Option<string?> Option() => new("--tools-dir")
    {
        Description = "The tools folder (default: the M1EnvToolsDir of the project in the current folder, else ~/.m1env).",
    };

    /// <summary>The folder given, else the project's M1EnvToolsDir when the current folder holds a project, else the default.</summary>
    public static async Task<string> ResolveAsync(string? given, CancellationToken cancellationToken)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        return ProjectLoader.HoldsProject(Directory.GetCurrentDirectory())
            ? (await ProjectLoader.LoadAsync(null, cancellationToken)).Settings.ToolsDirectory
            : ProvisionOptionsDefaults.ToolsDirectory;
    }

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB");
}
