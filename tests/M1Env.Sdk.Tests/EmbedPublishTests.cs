using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// samples/embed published with M1EnvPublish=true: the publish folder carries a managed CPython with the env's packages,
/// and the app runs from it after it moved, with no env, no tools folder and no other Python to be found.
/// </summary>
[Collection(nameof(EmbedSampleTests))]
public sealed class EmbedPublishTests : IDisposable
{
    private const string BuildTag = "20260101";

    private readonly TempDirectory work = new("m1env-embed-publish");

    public void Dispose() => work.Dispose();

    private static string App => Path.Combine(RepositoryPaths.Root, "samples", "embed", "app", "EmbedApp.csproj");

    private Task<CommandResult> PublishAsync(string archiveUrl, string sha256, string output, params string[] more) =>
        TracedCommand.RunAsync(
            "dotnet",
            [
                "publish", App, "-o", output, "-nodeReuse:false", "-tl:off", "-v:n",
                "-p:M1EnvPublish=true", $"-p:M1EnvPythonArchive={archiveUrl}", $"-p:M1EnvPythonSha256={sha256}",
                $"-p:M1EnvToolsDir={work.Combine("tools")}", $"-p:M1EnvRoot={work.Combine("envs")}/", .. more,
            ],
            RepositoryPaths.Root,
            new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1" },
            timeout: TimeSpan.FromMinutes(8));

    [RelocatablePythonFact]
    public async Task The_published_app_runs_its_own_Python_after_the_folder_moves_with_no_env_tools_or_other_Python_left()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        using var server = StaticFileServer.Start();
        var url = archive.Serve(server, BuildTag);
        var publish = work.Combine("publish");

        var first = await PublishAsync(url, archive.Sha256, publish);

        Assert.True(first.Succeeded, first.ToString());
        var record = Path.Combine(publish, "python", "embed", "m1env-published.json");
        Assert.True(File.Exists(record), first.ToString());
        var written = File.GetLastWriteTimeUtc(record);

        var second = await PublishAsync(url, archive.Sha256, publish);

        Assert.True(second.Succeeded, second.ToString());
        Assert.Contains("is already laid out", second.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(record));
        Assert.Empty(Directory.GetDirectories(Path.Combine(publish, "python"), ".*"));

        var moved = work.Combine("moved", "app");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(publish, moved);
        Directory.Delete(work.Combine("envs"), recursive: true);
        Directory.Delete(work.Combine("tools"), recursive: true);
        var bin = work.CreateSubdirectory("bin");
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), DotnetHost());
        var environment = ExternalCommand.Without("PYTHON", "DOTNET_", "MSBUILD");
        environment["PATH"] = bin;

        var run = await ExternalCommand.RunAsync(Path.Combine(bin, "dotnet"), [Path.Combine(moved, "EmbedApp.dll")], work.Path, environment, timeout: TimeSpan.FromMinutes(2));

        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains("m1env_units says 3 GiB is 3.0 GiB", run.Output, StringComparison.Ordinal);
        Assert.Contains($"in {Path.Combine(moved, "python", "embed")}", run.Output, StringComparison.Ordinal);
    }

    [RelocatablePythonFact]
    public async Task M1EnvPublish_on_the_env_project_alone_lays_out_its_env_when_the_app_is_published()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        using var server = StaticFileServer.Start();
        var url = archive.Serve(server, BuildTag);
        var app = CopyOfTheSampleWithPublishOnTheEnvProject();
        var publish = work.Combine("publish");

        var result = await TracedCommand.RunAsync(
            "dotnet",
            [
                "publish", app, "-o", publish, "-nodeReuse:false", "-tl:off", "-v:n",
                $"-p:M1EnvPythonArchive={url}", $"-p:M1EnvPythonSha256={archive.Sha256}", $"-p:M1EnvToolsDir={work.Combine("tools")}",
            ],
            work.Path,
            new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1" },
            timeout: TimeSpan.FromMinutes(8));

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(File.Exists(Path.Combine(publish, "python", "embed", "m1env-published.json")), result.ToString());
        Assert.True(File.Exists(Path.Combine(publish, "EmbedApp.dll")));
    }

    /// <summary>
    /// samples/embed copied out of the repository, its imports pointed back at it and the quickstart's wheels beside it
    /// (a link, where its lock's relative paths find them), its env project saying M1EnvPublish=true.
    /// </summary>
    private string CopyOfTheSampleWithPublishOnTheEnvProject()
    {
        var samples = work.CreateSubdirectory("samples");
        Directory.CreateSymbolicLink(Path.Combine(samples, "quickstart"), Path.Combine(RepositoryPaths.Root, "samples", "quickstart"));
        var embed = Directory.CreateDirectory(Path.Combine(samples, "embed")).FullName;
        foreach (var part in new[] { "app", "env" })
        {
            var source = Path.Combine(RepositoryPaths.Root, "samples", "embed", part);
            var target = Directory.CreateDirectory(Path.Combine(embed, part)).FullName;
            foreach (var file in Directory.EnumerateFiles(source))
            {
                var text = File.ReadAllText(file)
                    .Replace("../../../eng/", Path.Combine(RepositoryPaths.Root, "eng") + "/", StringComparison.Ordinal)
                    .Replace("<M1EnvOffline>true</M1EnvOffline>", "<M1EnvOffline>true</M1EnvOffline><M1EnvPublish>true</M1EnvPublish>", StringComparison.Ordinal);
                File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), text);
            }
        }

        Assert.Contains("<M1EnvPublish>true</M1EnvPublish>", File.ReadAllText(Path.Combine(embed, "env", "embed-env.csproj")), StringComparison.Ordinal);
        Assert.DoesNotContain("M1EnvPublish", File.ReadAllText(Path.Combine(embed, "app", "EmbedApp.csproj")), StringComparison.Ordinal);
        return Path.Combine(embed, "app", "EmbedApp.csproj");
    }

    [RelocatablePythonFact]
    public async Task Publishing_for_another_platform_says_what_it_would_need()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        using var server = StaticFileServer.Start();
        var other = OperatingSystem.IsMacOS() ? "linux-x64" : "osx-arm64";

        var result = await PublishAsync(archive.Serve(server, BuildTag), archive.Sha256, work.Combine("publish"), "-r", other, "--self-contained", "false", "-p:UseAppHost=false");

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("M1E110", result.Output, StringComparison.Ordinal);
        Assert.Contains($"the lock's entries for {other}", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("publish", "python", "embed")));
    }

    /// <summary>The dotnet host on PATH, links resolved: the one thing the moved app needs besides its folder.</summary>
    private static string DotnetHost()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "dotnet"))
            .First(File.Exists);
        return new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
    }
}
