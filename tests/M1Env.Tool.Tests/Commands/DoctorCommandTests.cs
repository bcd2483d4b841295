using System.Text.Json;

namespace M1Env.Tool.Tests.Commands;

/// <summary><c>m1env doctor</c> with the built tool, on projects that import the SDK from this repository's source.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("m1env-doctor-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void An_env_that_is_not_made_yet_fails_the_checklist_with_what_to_do()
    {
        var project = Path.Combine(folder, "env.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.props" />
              <ItemGroup><PythonEnv Include="later" Python="3" /></ItemGroup>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.targets" />
            </Project>
            """);

        var (exitCode, output, _) = BuiltTool.Run("doctor", "--json", "--project", project);

        Assert.Equal(1, exitCode);
        using var checks = JsonDocument.Parse(output);
        var env = checks.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "env 'later'");
        Assert.Equal("fail", env.GetProperty("status").GetString());
        Assert.Contains("does not exist yet", env.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("run 'm1env provision' or 'dotnet build'", env.GetProperty("fix").GetString());
        Assert.Contains(checks.RootElement.EnumerateArray(), c => c.GetProperty("name").GetString() == "Accelerator");
        Assert.False(Directory.Exists(Path.Combine(folder, ".m1env")));
    }

    [Fact]
    public void It_lists_the_managed_cpython_builds_of_the_tools_folder_and_the_policy()
    {
        var tools = Path.Combine(folder, "tools");
        var interpreter = Path.Combine(tools, "python", "3.11.16-linux-x64", "bin", "python3");
        Directory.CreateDirectory(Path.GetDirectoryName(interpreter)!);
        File.WriteAllText(interpreter, string.Empty);
        Directory.CreateDirectory(Path.Combine(tools, "python", ".3.12.14-linux-x64.0123"));
        var project = Path.Combine(folder, "env.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.props" />
              <PropertyGroup><M1EnvToolsDir>{tools}</M1EnvToolsDir><M1EnvPythonPreference>only-managed</M1EnvPythonPreference></PropertyGroup>
              <ItemGroup><PythonEnv Include="later" Python="3.11" /></ItemGroup>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.targets" />
            </Project>
            """);

        var (_, output, _) = BuiltTool.Run("doctor", "--json", "--project", project);

        using var checks = JsonDocument.Parse(output);
        var managed = checks.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Managed CPython");
        Assert.Equal("pass", managed.GetProperty("status").GetString());
        Assert.Equal(
            $"3.11.16 (linux-x64) in {Path.Combine(tools, "python")}; every PythonEnv uses one (M1EnvPythonPreference is only-managed)",
            managed.GetProperty("detail").GetString());
    }
}
