using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>A venv holds its own path: a moved or copied one is made again, and the original is never touched.</summary>
public sealed class MovedEnvTests : IDisposable
{
    private readonly PackageFeed feed = new();
    private readonly TempDirectory elsewhere = new("m1env-moved");

    public void Dispose()
    {
        elsewhere.Dispose();
        feed.Dispose();
    }

    private static async Task<CommandResult> BuildAtAsync(TestProject project, string projectPath) =>
        await TracedCommand.RunAsync(
            "dotnet",
            ["build", projectPath, "-nodeReuse:false", "-tl:off", "-v:n", "-nologo", $"-p:M1EnvToolsDir={Path.Combine(Path.GetDirectoryName(projectPath)!, "tools")}"],
            Path.GetDirectoryName(projectPath)!,
            project.Environment());

    private static Task<CommandResult> PipVersionAsync(string prefix) =>
        TracedCommand.RunAsync(Path.Combine(prefix, "bin", "pip"), ["--version"], prefix, new Dictionary<string, string?>());

    [Fact]
    public async Task A_moved_project_remakes_its_env_where_it_now_is()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-gamma" Version="1.0" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);

        var moved = Path.Combine(elsewhere.Path, "moved");
        Directory.Move(project.Directory, moved);
        try
        {
            var build = await BuildAtAsync(project, Path.Combine(moved, "env.proj"));

            Assert.True(build.Succeeded, build.ToString());
            Assert.Contains("the environment was moved or copied here from", build.Output, StringComparison.Ordinal);
            var pip = await PipVersionAsync(Path.Combine(moved, ".m1env", "demo"));
            Assert.True(pip.Succeeded, pip.ToString());
            Assert.Contains(Path.Combine(moved, ".m1env", "demo"), pip.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Move(moved, project.Directory);
        }
    }

    [Fact]
    public async Task A_copied_project_gets_its_own_env_and_leaves_the_original_alone()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-gamma" Version="1.0" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        var originalStamp = File.ReadAllText(Path.Combine(project.PrefixOf("demo"), ".m1env", "stamp.json"));

        var copy = Path.Combine(elsewhere.Path, "copy");
        var cp = await ExternalCommand.RunAsync("cp", ["-a", project.Directory, copy]);
        Assert.True(cp.Succeeded, cp.ToString());
        var build = await BuildAtAsync(project, Path.Combine(copy, "env.proj"));

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("Recreating environment 'demo': the environment was moved or copied here from", build.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(copy, ".m1env", "demo"), (await PipVersionAsync(Path.Combine(copy, ".m1env", "demo"))).Output, StringComparison.Ordinal);
        Assert.Equal(originalStamp, File.ReadAllText(Path.Combine(project.PrefixOf("demo"), ".m1env", "stamp.json")));
        Assert.Contains(project.PrefixOf("demo"), (await PipVersionAsync(project.PrefixOf("demo"))).Output, StringComparison.Ordinal);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }
}
