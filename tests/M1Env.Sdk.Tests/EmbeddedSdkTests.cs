using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary><c>&lt;Sdk Name="M1Env.Sdk" /&gt;</c> added to an ordinary console app.</summary>
public sealed class EmbeddedSdkTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    [Fact]
    public async Task A_console_app_still_builds_and_runs_and_can_use_the_env()
    {
        using var project = await TestProject.CreateAsync("app.csproj");
        File.WriteAllText(project.ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="M1Env.Sdk" Version="{project.Sdk.Version}" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <M1EnvPipIndexUrl>{feed.IndexUrl}</M1EnvPipIndexUrl>
              </PropertyGroup>
              <ItemGroup>
                <PythonEnv Include="app-env" Python="3.11" />
                <PipPackage Include="m1-alpha" Version="2.0" />
              </ItemGroup>
              <!-- The app learns where its interpreter is from the build. -->
              <Target Name="EmbedInterpreterPath" AfterTargets="M1EnvProvision">
                <ItemGroup>
                  <AssemblyAttribute Include="System.Reflection.AssemblyMetadataAttribute">
                    <_Parameter1>M1EnvPython</_Parameter1>
                    <_Parameter2>$(M1EnvPython)</_Parameter2>
                  </AssemblyAttribute>
                </ItemGroup>
              </Target>
            </Project>
            """);
        project.WriteFile("Program.cs", """
            using System.Diagnostics;
            using System.Reflection;

            var python = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "M1EnvPython").Value!;
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import m1_alpha; print(m1_alpha.__version__)");
            using var process = Process.Start(start)!;
            Console.WriteLine($"app sees m1-alpha {process.StandardOutput.ReadToEnd().Trim()} via {python}");
            process.WaitForExit();
            """);

        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("Creating venv 'app-env'", build.Output, StringComparison.Ordinal);

        var run = await project.DotnetAsync("run", trace: false, ["--no-build"]);
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains($"app sees m1-alpha 2.0 via {project.PythonOf("app-env")}", run.Output, StringComparison.Ordinal);

        var noOp = await project.BuildAsync();
        Assert.True(noOp.Succeeded, noOp.ToString());
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multi_targeted_app_provisions_once_in_its_outer_build()
    {
        using var project = await TestProject.CreateAsync("multi.csproj");
        project.AllowMachinePackages();
        File.WriteAllText(project.ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="M1Env.Sdk" Version="{project.Sdk.Version}" />
              <PropertyGroup>
                <TargetFrameworks>net8.0;net{Environment.Version.Major}.0</TargetFrameworks>
                <M1EnvPipIndexUrl>{feed.IndexUrl}</M1EnvPipIndexUrl>
              </PropertyGroup>
              <ItemGroup>
                <PythonEnv Include="multi-env" Python="3.11" />
                <PipPackage Include="m1-alpha" Version="2.0" />
              </ItemGroup>
              <Target Name="ShowPython" AfterTargets="Build" Condition="'$(TargetFramework)' != ''">
                <Message Importance="high" Text="$(TargetFramework) PYTHON=$(M1EnvPython)" />
              </Target>
            </Project>
            """);
        project.WriteFile("Library.cs", "namespace Multi; public static class Library { }");

        var build = await project.BuildAsync("-m:2");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(build.Output, "Creating venv 'multi-env'"));
        Assert.DoesNotContain("Waiting for another build", build.Output, StringComparison.Ordinal);
        Assert.Contains($"net8.0 PYTHON={project.PythonOf("multi-env")}", build.Output, StringComparison.Ordinal);
        Assert.Contains($"net{Environment.Version.Major}.0 PYTHON={project.PythonOf("multi-env")}", build.Output, StringComparison.Ordinal);
    }
}
