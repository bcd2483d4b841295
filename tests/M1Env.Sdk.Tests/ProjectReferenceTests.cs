using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>An env-only project in a solution: other projects reference it to have the env built first.</summary>
public sealed class ProjectReferenceTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    private async Task<TestProject> EnvWithAppAsync(string targetFramework, string outputType)
    {
        var env = await TestProject.CreateAsync("ml.csproj");
        env.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-alpha" Version="1.0" />"""));
        env.WriteFile("app/app.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <UseAppHost>false</UseAppHost>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../ml.csproj" />
              </ItemGroup>
            </Project>
            """);
        env.WriteFile("app/Program.cs", outputType == "Exe" ? """System.Console.WriteLine("app built");""" : "namespace App { public static class Library { } }");
        return env;
    }

    private static Task<CommandResult> BuildAsync(TestProject env, string path) =>
        TracedCommand.RunAsync(
            "dotnet",
            ["build", path, "-nodeReuse:false", "-tl:off", "-v:n", $"-p:M1EnvToolsDir={env.ToolsDirectory}"],
            env.Directory,
            env.Environment());

    [Theory]
    [InlineData("current", "Exe")]
    [InlineData("net8.0", "Library")]
    [InlineData("netstandard2.0", "Library")]
    public async Task A_plain_reference_from_an_app_of_any_framework_provisions_the_env_first(string targetFramework, string outputType)
    {
        using var env = await EnvWithAppAsync(targetFramework == "current" ? $"net{Environment.Version.Major}.0" : targetFramework, outputType);
        if (targetFramework == "netstandard2.0")
        {
            env.AllowNuGetOrg();
        }
        else
        {
            env.AllowMachinePackages();
        }

        var build = await BuildAsync(env, Path.Combine(env.Directory, "app", "app.csproj"));

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("NU1201", build.Output, StringComparison.Ordinal);
        var provisioned = build.Output.IndexOf("Environment 'demo' is ready", StringComparison.Ordinal);
        var appBuilt = build.Output.IndexOf("app -> ", StringComparison.Ordinal);
        Assert.InRange(provisioned, 0, appBuilt);
        Assert.Equal("1.0", (await env.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());
        var appOutput = Directory.GetFiles(Path.Combine(env.Directory, "app", "bin"), "*", SearchOption.AllDirectories).Select(Path.GetFileName);
        Assert.DoesNotContain(appOutput, file => file!.StartsWith("ml.", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(env.Directory, "bin")), "an env-only project leaves no bin folder");
    }

    [Fact]
    public async Task Dotnet_sln_add_takes_env_projects_of_any_extension_and_the_solution_builds()
    {
        using var env = await EnvWithAppAsync($"net{Environment.Version.Major}.0", "Exe");
        env.AllowMachinePackages();
        env.WriteFile("tools/tools.proj", $"""
            <Project Sdk="M1Env.Sdk/{env.Sdk.Version}">
              <ItemGroup><PythonEnv Include="tools" Python="3.11" /></ItemGroup>
            </Project>
            """);
        foreach (var arguments in new[] { new[] { "new", "sln", "-n", "all", "--format", "sln" }, ["sln", "all.sln", "add", "ml.csproj", "tools/tools.proj", "app/app.csproj"] })
        {
            var step = await TracedCommand.RunAsync("dotnet", arguments, env.Directory, env.Environment());
            Assert.True(step.Succeeded, step.ToString());
        }

        var build = await BuildAsync(env, Path.Combine(env.Directory, "all.sln"));

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("Environment 'demo' is ready", build.Output, StringComparison.Ordinal);
        Assert.Contains("Environment 'tools' is ready", build.Output, StringComparison.Ordinal);
    }
}
