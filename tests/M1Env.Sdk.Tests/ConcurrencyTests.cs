using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    [Fact]
    public async Task Two_builds_on_one_prefix_at_once_both_succeed()
    {
        using var first = await TestProject.CreateAsync("first.proj");
        using var second = await TestProject.CreateAsync("second.proj");
        var sharedPrefix = Path.Combine(first.Directory, "shared-env");
        var declaration = $"""
            {feed.IndexProperty}
            <ItemGroup>
              <PythonEnv Include="shared" Python="3.11" Prefix="{sharedPrefix}" />
              <PipPackage Include="m1-beta" Version="1.0" />
            </ItemGroup>
            """;
        first.WriteEnvProject(declaration);
        second.WriteEnvProject(declaration);

        // Both share one tools folder (and so one lock), as two projects of one user do.
        var builds = await Task.WhenAll(
            first.DotnetAsync("build", trace: false, [$"-p:M1EnvToolsDir={first.ToolsDirectory}"]),
            second.DotnetAsync("build", trace: false, [$"-p:M1EnvToolsDir={first.ToolsDirectory}"]));

        Assert.All(builds, build => Assert.True(build.Succeeded, build.ToString()));
        Assert.Single(builds, build => build.Output.Contains("Creating venv 'shared'", StringComparison.Ordinal));
        var check = await TracedCommand.RunAsync(TestProject.VenvPython(sharedPrefix), ["-c", "import m1_beta, m1_alpha; print('ok')"], first.Directory, new Dictionary<string, string?>());
        Assert.Equal("ok", check.Output.Trim());
    }
}
