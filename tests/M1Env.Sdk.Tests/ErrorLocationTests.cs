using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>An error points at the file that declares the faulty item, never at M1Env.targets in the NuGet cache.</summary>
public sealed class ErrorLocationTests
{
    [Fact]
    public async Task A_bad_item_is_reported_on_the_file_that_declares_it()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteFile("Directory.Build.props", """
            <Project>
              <ItemGroup>
                <PipPackage Include="shared pkg" />
              </ItemGroup>
            </Project>
            """);
        project.WriteEnvProject("""
            <ItemGroup>
              <PythonEnv Include="demo" Python="3.11" />
              <PipPackage Include="m1 gamma" />
            </ItemGroup>
            """);

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains($"{project.ProjectPath} : error M1E002: PipPackage 'm1 gamma'", failed.Output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(project.Directory, "Directory.Build.props")} : error M1E002: PipPackage 'shared pkg'", failed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(
            failed.Output.Split('\n'),
            line => line.Contains("error M1E", StringComparison.Ordinal) && line.Contains("M1Env.targets", StringComparison.Ordinal));
    }
}
