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
}
