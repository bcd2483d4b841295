using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>CondaEnv through a real 'dotnet build' where no conda can run: the errors a user meets first.</summary>
public sealed class CondaEnvTests
{
    [Fact]
    public async Task A_missing_conda_is_a_coded_error_before_the_prefix_is_touched()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject("""
            <PropertyGroup><M1EnvCondaExe>/nonexistent/micromamba</M1EnvCondaExe></PropertyGroup>
            <ItemGroup>
              <CondaEnv Include="ml-m1" Python="3.11" />
              <CondaPackage Include="numpy" />
            </ItemGroup>
            """);

        var build = await project.BuildAsync();

        Assert.False(build.Succeeded);
        Assert.Contains("error M1E050:", build.Output, StringComparison.Ordinal);
        Assert.Contains("M1EnvCondaExe is '/nonexistent/micromamba', which does not exist", build.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Directory, ".m1env")));
    }

    [Theory]
    [InlineData("""<CondaEnv Include="a" Channels="not a channel" />""", "M1E008", "is not a ';'-list of channel names")]
    [InlineData("""<CondaEnv Include="a" /><CondaPackage Include="numpy" Version="newest" />""", "M1E003", "CondaPackage 'numpy' has an invalid Version")]
    [InlineData("""<PythonEnv Include="a" /><CondaPackage Include="numpy" />""", "M1E004", "the project declares no CondaEnv")]
    [InlineData("""<CondaEnv Include="a" Named="true" Prefix="envs/a" />""", "M1E008", "both Named=\"true\" and a Prefix")]
    public async Task Bad_conda_declarations_fail_with_their_code(string items, string code, string message)
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject($"<ItemGroup>{items}</ItemGroup>");

        var build = await project.BuildAsync();

        Assert.False(build.Succeeded);
        Assert.Contains($"error {code}:", build.Output, StringComparison.Ordinal);
        Assert.Contains(message, build.Output, StringComparison.Ordinal);
    }
}
