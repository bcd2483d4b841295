using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>An error or warning points at the element that declares the faulty item, never at M1Env.targets in the NuGet cache.</summary>
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
        Assert.Contains($"{project.ProjectPath}(4,3): error M1E002: PipPackage 'm1 gamma'", failed.Output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(project.Directory, "Directory.Build.props")}(3,5): error M1E002: PipPackage 'shared pkg'", failed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(
            failed.Output.Split('\n'),
            line => line.Contains("error M1E", StringComparison.Ordinal) && line.Contains("M1Env.targets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Typos_in_metadata_are_warnings_at_their_attributes_that_name_what_was_meant()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject("""
            <ItemGroup>
              <PythonEnv Include="ml" PythonVersion="3.12" />
              <PipPackage Include="six" Verison="1.15.0" />
              <PipPackage Include="bad name" />
            </ItemGroup>
            """);

        // The bad name stops the build before any process: the warnings come first, from the same task.
        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains(
            $"{project.ProjectPath}(3,27): warning M1E018: PythonEnv 'ml' has PythonVersion=\"3.12\", which M1Env does not read, so it changes nothing. Did you mean Python? A PythonEnv takes Python, Prefix, Jupyter, LockFile.",
            failed.Output,
            StringComparison.Ordinal);
        Assert.Contains($"{project.ProjectPath}(4,29): warning M1E018: PipPackage 'six' has Verison=\"1.15.0\"", failed.Output, StringComparison.Ordinal);
        Assert.Contains("Did you mean Version?", failed.Output, StringComparison.Ordinal);
        Assert.Contains($"{project.ProjectPath}(5,3): error M1E002", failed.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.PrefixOf("ml")));
    }
}
