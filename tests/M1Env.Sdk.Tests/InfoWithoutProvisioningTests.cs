using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>
/// M1EnvInfo in builds that do not provision (M1EnvEnabled=false, as a design-time build): it keeps what
/// the last provisioning build recorded, warns only when there is no env at all, and the app compiles.
/// </summary>
public sealed class InfoWithoutProvisioningTests
{
    private static string App(string version, string body) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <Sdk Name="M1Env.Sdk" Version="{version}" />
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
            <M1EnvGenerateInfo>true</M1EnvGenerateInfo>
          </PropertyGroup>
          {body}
        </Project>
        """;

    private static string Generated(TestProject project) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(project.Directory, "app", "obj"), "M1EnvInfo.g.cs", SearchOption.AllDirectories).Single());

    private static Task<CommandResult> RunAsync(TestProject project) =>
        TracedCommand.RunAsync("dotnet", ["run", "--project", project.ProjectPath, "--no-build"], project.Directory, project.Environment());

    [Fact]
    public async Task An_app_keeps_its_envs_values_when_a_build_does_not_provision()
    {
        using var project = await TestProject.CreateAsync("app/app.csproj");
        project.WriteFile("env/env.csproj", $"""<Project Sdk="M1Env.Sdk/{project.Sdk.Version}"><ItemGroup><PythonEnv Include="demo" Python="3.11" /></ItemGroup></Project>""");
        project.WriteFile("app/app.csproj", App(project.Sdk.Version, """<ItemGroup><ProjectReference Include="../env/env.csproj" /></ItemGroup>"""));
        project.WriteFile("app/Program.cs", """System.Console.WriteLine($"python={M1EnvInfo.Python} version={M1EnvInfo.Envs.Demo.PythonVersion}");""");
        var prefix = Path.Combine(project.Directory, "env", ".m1env", "demo");

        // Never provisioned: the paths the declaration gives, no warning, and nothing made.
        var before = await project.BuildAsync("-p:M1EnvEnabled=false");
        Assert.True(before.Succeeded, before.ToString());
        Assert.DoesNotContain("M1E040", before.Output, StringComparison.Ordinal);
        Assert.Contains($"public static readonly string Python = PublishedHome.Length == 0 ? @\"{TestProject.VenvPython(prefix)}\" :", Generated(project), StringComparison.Ordinal);
        Assert.False(Directory.Exists(prefix));

        var provisioning = await project.BuildAsync();
        Assert.True(provisioning.Succeeded, provisioning.ToString());
        var recorded = Generated(project);
        Assert.Contains("public static readonly string PythonVersion = PublishedHome.Length == 0 ? @\"3.11.", recorded, StringComparison.Ordinal);

        var disabled = await project.BuildAsync("-p:M1EnvEnabled=false");
        Assert.True(disabled.Succeeded, disabled.ToString());
        Assert.DoesNotContain("M1E040", disabled.Output, StringComparison.Ordinal);
        Assert.Equal(recorded, Generated(project));

        var run = await RunAsync(project);
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains($"python={TestProject.VenvPython(prefix)} version=3.11.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_with_no_env_compiles_against_empty_values_and_is_warned_on_its_own_project()
    {
        using var project = await TestProject.CreateAsync("app/app.csproj");
        project.WriteFile("app/app.csproj", App(project.Sdk.Version, string.Empty));
        project.WriteFile("app/Program.cs", """System.Console.WriteLine($"python=[{M1EnvInfo.Python}]");""");

        var build = await project.BuildAsync("-p:M1EnvEnabled=false");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains($"{project.ProjectPath} : warning M1E040:", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(build.Output.Split('\n'), line => line.Contains("M1E040", StringComparison.Ordinal) && line.Contains("M1Env.Info.targets", StringComparison.Ordinal));
        var run = await RunAsync(project);
        Assert.Contains("python=[]", run.Output, StringComparison.Ordinal);
    }
}
