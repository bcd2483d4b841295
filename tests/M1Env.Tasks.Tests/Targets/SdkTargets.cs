using System.Text.Json;
using M1Env.Testing;

namespace M1Env.Tasks.Tests.Targets;

/// <summary>The repository's src/Sdk/Sdk/M1Env.targets, read as XML or run by <c>dotnet msbuild</c>.</summary>
internal static class SdkTargets
{
    public static string File { get; } = Path.Combine(FindRoot(), "src", "Sdk", "Sdk", "M1Env.targets");

    /// <summary>Runs targets of <paramref name="project"/> and returns what MSBuild printed for the asked properties and items.</summary>
    public static async Task<JsonElement> RunAsync(string project, string targets, string[] properties, string[] items, params string[] globalProperties)
    {
        var environment = ExternalCommand.Without("MSBUILD");
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        var result = await ExternalCommand.RunAsync(
            "dotnet",
            ["msbuild", project, "-nologo", "-t:" + targets, .. globalProperties.Select(p => "-p:" + p), .. properties.Select(p => "-getProperty:" + p), .. items.Select(i => "-getItem:" + i)],
            Path.GetDirectoryName(project),
            environment);
        Assert.True(result.Succeeded, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.Clone();
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "M1Env.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No M1Env.Sdk.sln above {AppContext.BaseDirectory}.");
    }
}
