using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>Where pip looks: the index, extra indexes, wheel folders, offline mode, and credentials kept out of logs.</summary>
public sealed class PackageSourceTests : IDisposable
{
    private readonly PackageFeed feed = new();
    private readonly TempDirectory extra = new("m1env-extra");

    public void Dispose()
    {
        feed.Dispose();
        extra.Dispose();
    }

    [Fact]
    public async Task Offline_installs_from_the_wheel_folder_and_never_asks_the_index()
    {
        var wheels = extra.CreateSubdirectory("wheels");
        WheelBuilder.Build(wheels, "m1-local", "3.0");
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject($"""
            <PropertyGroup>
              <M1EnvPipIndexUrl>{feed.IndexUrl}</M1EnvPipIndexUrl>
              <M1EnvPipFindLinks>{wheels}</M1EnvPipFindLinks>
              <M1EnvOffline>true</M1EnvOffline>
            </PropertyGroup>
            <ItemGroup>
              <PythonEnv Include="demo" Python="3.11" />
              <PipPackage Include="m1-local" Version="3.0" />
            </ItemGroup>
            """);

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("--no-index", build.Output, StringComparison.Ordinal);
        Assert.Equal(0, feed.Server.RequestCount);
        Assert.Equal("3.0", (await project.RunPythonAsync("demo", "import m1_local; print(m1_local.__version__)")).Output.Trim());
    }

    [Fact]
    public async Task Extra_indexes_are_searched_and_credentials_never_reach_the_log_or_the_state()
    {
        var wheels = extra.CreateSubdirectory("extra-wheels");
        WheelBuilder.Build(wheels, "m1-extra", "1.5");
        using var extraIndex = PackageIndexServer.Start(wheels);
        using var project = await TestProject.CreateAsync();
        var withCredentials = feed.IndexUrl.Replace("http://", "http://builder:s3cr3t-token@", StringComparison.Ordinal);
        project.WriteEnvProject($"""
            <PropertyGroup>
              <M1EnvPipIndexUrl>{withCredentials}</M1EnvPipIndexUrl>
              <M1EnvPipExtraIndexUrls>{extraIndex.IndexUrl}</M1EnvPipExtraIndexUrls>
            </PropertyGroup>
            <ItemGroup>
              <PythonEnv Include="demo" Python="3.11" />
              <PipPackage Include="m1-alpha" Version="1.0" />
              <PipPackage Include="m1-extra" Version="1.5" />
            </ItemGroup>
            """);

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal("1.0 1.5", (await project.RunPythonAsync("demo", "import m1_alpha, m1_extra; print(m1_alpha.__version__, m1_extra.__version__)")).Output.Trim());
        Assert.Contains(extraIndex.Requests, r => r.Path.Contains("m1-extra", StringComparison.Ordinal));
        Assert.Contains("--index-url http://****@127.0.0.1", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-token", build.Output, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(project.PrefixOf("demo"), ".m1env")))
        {
            Assert.DoesNotContain("s3cr3t-token", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
