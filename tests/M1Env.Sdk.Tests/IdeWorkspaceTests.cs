using M1Env.Sdk.Tests.Infrastructure;
using Microsoft.CodeAnalysis.MSBuild;

namespace M1Env.Sdk.Tests;

/// <summary>
/// A solution with an env-only project, opened as C# editors open it: Roslyn's MSBuildWorkspace runs
/// the design-time build of every project and reports what it could not make sense of.
/// </summary>
public sealed class IdeWorkspaceTests
{
    [Fact]
    public async Task The_workspace_loads_a_solution_with_an_env_project_and_plain_references_without_diagnostics()
    {
        using var project = await TestProject.CreateAsync("env/env.csproj");
        project.AllowNuGetOrg();
        project.WriteFile("env/env.csproj", $"""<Project Sdk="M1Env.Sdk/{project.Sdk.Version}"><ItemGroup><PythonEnv Include="demo" /></ItemGroup></Project>""");
        foreach (var (name, framework) in new[] { ("app8", "net8.0"), ("app10", $"net{Environment.Version.Major}.0"), ("lib", "netstandard2.0") })
        {
            project.WriteFile($"{name}/{name}.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>{framework}</TargetFramework></PropertyGroup>
                  <ItemGroup><ProjectReference Include="../env/env.csproj" /></ItemGroup>
                </Project>
                """);
            project.WriteFile($"{name}/Code.cs", $"namespace {name} {{ public static class Code {{ }} }}");
        }

        foreach (var arguments in new[] { ["new", "sln", "-n", "all", "--format", "sln"], new[] { "sln", "all.sln", "add", "env/env.csproj", "app8/app8.csproj", "app10/app10.csproj", "lib/lib.csproj" }, ["restore", "all.sln"] })
        {
            var step = await TracedCommand.RunAsync("dotnet", arguments, project.Directory, project.Environment());
            Assert.True(step.Succeeded, step.ToString());
        }

        using var workspace = MSBuildWorkspace.Create(new Dictionary<string, string> { ["NuGetPackageRoot"] = project.Sdk.PackagesFolder + "/" });
        var solution = await workspace.OpenSolutionAsync(Path.Combine(project.Directory, "all.sln"));

        Assert.Empty(workspace.Diagnostics.Select(d => $"{d.Kind}: {d.Message}"));
        var env = solution.Projects.Single(p => p.Name == "env");
        foreach (var app in solution.Projects.Where(p => p.Name != "env"))
        {
            Assert.Contains(app.ProjectReferences, r => r.ProjectId == env.Id);
        }

        Assert.False(Directory.Exists(Path.Combine(project.Directory, "env", ".m1env")), "a design-time build provisioned the env");
    }
}
