using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>One owner per prefix, and builds that reach one prefix take turns, whatever path they use.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    private string Declaration(string prefix, string package = "m1-beta") => $"""
        {feed.IndexProperty}
        <ItemGroup>
          <PythonEnv Include="shared" Python="3.11" Prefix="{prefix}" />
          <PipPackage Include="{package}" Version="1.0" />
        </ItemGroup>
        """;

    [Fact]
    public async Task A_second_project_on_the_same_prefix_fails_naming_the_owner_and_changes_nothing()
    {
        using var first = await TestProject.CreateAsync("first.proj");
        using var second = await TestProject.CreateAsync("second.proj");
        var sharedPrefix = Path.Combine(first.Directory, "shared-env");
        first.WriteEnvProject(Declaration(sharedPrefix));
        second.WriteEnvProject(Declaration(sharedPrefix, package: "m1-gamma"));
        var tools = $"-p:M1EnvToolsDir={first.ToolsDirectory}";
        await RestoreAsync(first);
        await RestoreAsync(second);

        // Concurrent rounds: whoever comes first owns the prefix; every other build of the other project fails.
        for (var round = 0; round < 2; round++)
        {
            var builds = await Task.WhenAll(
                first.DotnetAsync("build", trace: false, [tools, "--no-restore"]),
                second.DotnetAsync("build", trace: false, [tools, "--no-restore"]),
                first.DotnetAsync("build", trace: false, [tools, "--no-restore"]),
                second.DotnetAsync("build", trace: false, [tools, "--no-restore"]));

            var failed = builds.Where(b => !b.Succeeded).ToArray();
            Assert.Equal(2, failed.Length);
            Assert.All(failed, b => Assert.Contains("M1E014", b.Output, StringComparison.Ordinal));
        }

        var ownerIsFirst = File.ReadAllText(Path.Combine(sharedPrefix, ".m1env", "stamp.json")).Contains("first.proj", StringComparison.Ordinal);
        var module = ownerIsFirst ? "m1_beta" : "m1_gamma";
        var check = await TracedCommand.RunAsync(TestProject.VenvPython(sharedPrefix), ["-c", $"import {module}; print('ok')"], first.Directory, new Dictionary<string, string?>());
        Assert.Equal("ok", check.Output.Trim());

        var refused = await (ownerIsFirst ? second : first).DotnetAsync("build", trace: false, [tools]);
        Assert.Contains($"belongs to environment 'shared' of {(ownerIsFirst ? first : second).ProjectPath}", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Builds_reaching_one_prefix_through_a_link_and_its_target_take_turns()
    {
        using var project = await TestProject.CreateAsync();
        var target = Directory.CreateDirectory(Path.Combine(project.Directory, "envs")).FullName;
        var link = Path.Combine(project.Directory, "envs-link");
        Directory.CreateSymbolicLink(link, target);
        project.WriteEnvProject(Declaration("$(M1EnvPrefixRoot)shared"));
        var tools = $"-p:M1EnvToolsDir={project.ToolsDirectory}";
        await RestoreAsync(project);

        var builds = await Task.WhenAll(
            project.DotnetAsync("build", trace: false, [tools, "--no-restore", $"-p:M1EnvPrefixRoot={target}/"]),
            project.DotnetAsync("build", trace: false, [tools, "--no-restore", $"-p:M1EnvPrefixRoot={link}/"]),
            project.DotnetAsync("build", trace: false, [tools, "--no-restore", $"-p:M1EnvPrefixRoot={target}/"]),
            project.DotnetAsync("build", trace: false, [tools, "--no-restore", $"-p:M1EnvPrefixRoot={link}/"]));

        Assert.All(builds, build => Assert.True(build.Succeeded, build.ToString()));
        Assert.Single(builds, build => build.Output.Contains("Creating venv 'shared'", StringComparison.Ordinal));
        var check = await TracedCommand.RunAsync(Path.Combine(target, "shared", "bin", "python"), ["-m", "pip", "check"], project.Directory, new Dictionary<string, string?>());
        Assert.True(check.Succeeded, check.ToString());
    }

    /// <summary>
    /// Restored once, before the builds that race: NuGet's restores of one project at once can trip
    /// over each other's project.assets.json ("already exists"), which is NuGet's race, not the one under test.
    /// </summary>
    private static async Task RestoreAsync(TestProject project)
    {
        var restore = await project.DotnetAsync("restore", trace: false, []);
        Assert.True(restore.Succeeded, restore.ToString());
    }
}
