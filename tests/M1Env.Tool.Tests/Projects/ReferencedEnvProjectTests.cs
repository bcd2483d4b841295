using System.Text.Json;

namespace M1Env.Tool.Tests.Projects;

/// <summary>In an app folder that references an env project, the tool's commands act on that project's env.</summary>
public sealed class ReferencedEnvProjectTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("m1env-refs-").FullName;

    public ReferencedEnvProjectTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "env"));
        Directory.CreateDirectory(Path.Combine(folder, "app"));
        File.WriteAllText(Path.Combine(folder, "env", "env.proj"), $"""
            <Project>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.props" />
              <ItemGroup><PythonEnv Include="later" Python="3" /></ItemGroup>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.targets" />
            </Project>
            """);
        File.WriteAllText(App, """
            <Project>
              <ItemGroup><ProjectReference Include="../env/env.proj" /></ItemGroup>
            </Project>
            """);
    }

    private string App => Path.Combine(folder, "app", "app.proj");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Plan_in_the_app_tells_what_the_build_would_do_to_the_referenced_env()
    {
        var (exitCode, output, error) = BuiltTool.Run("plan", "--project", App);

        Assert.True(exitCode == 0, error);
        Assert.Contains($"M1Env plan for 'later' (venv at {Path.Combine(folder, "env", ".m1env", "later")}): create it.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_in_the_app_lists_the_referenced_env()
    {
        var (exitCode, output, _) = BuiltTool.Run("doctor", "--json", "--project", App);

        Assert.Equal(1, exitCode);
        using var checks = JsonDocument.Parse(output);
        Assert.Contains(checks.RootElement.EnumerateArray(), c => c.GetProperty("name").GetString() == "env 'later'");
    }

    [Fact]
    public void Verify_takes_the_env_by_name_and_says_it_is_not_made_yet()
    {
        var (exitCode, _, error) = BuiltTool.Run("verify", "--project", App, "--env", "later");

        Assert.Equal(2, exitCode);
        Assert.Contains("error M1E093: The env 'later' is not made yet", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "env", ".m1env")));
    }
}
