using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>An env-only project in a solution: other projects reference it to have the env built first.</summary>
public sealed class ProjectReferenceTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    [Fact]
    public async Task Building_an_app_that_references_the_env_project_provisions_the_env_first()
    {
        using var env = await TestProject.CreateAsync("ml.proj");
        env.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-alpha" Version="1.0" />"""));
        env.WriteFile("app/app.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../ml.proj" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        env.WriteFile("app/Program.cs", """System.Console.WriteLine("app built");""");

        var build = await TracedCommand.RunAsync(
            "dotnet",
            ["build", Path.Combine(env.Directory, "app", "app.csproj"), "-nodeReuse:false", "-tl:off", "-v:n", $"-p:M1EnvToolsDir={env.ToolsDirectory}"],
            env.Directory,
            env.Environment());

        Assert.True(build.Succeeded, build.ToString());
        var provisioned = build.Output.IndexOf("Environment 'demo' is ready", StringComparison.Ordinal);
        var appBuilt = build.Output.IndexOf("app -> ", StringComparison.Ordinal);
        Assert.InRange(provisioned, 0, appBuilt);
        Assert.Equal("1.0", (await env.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());
    }
}
