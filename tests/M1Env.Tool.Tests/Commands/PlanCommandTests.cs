using System.Text.Json;

namespace M1Env.Tool.Tests.Commands;

/// <summary><c>m1env plan</c> and <c>doctor</c> after a change the installed packages already satisfy: no step, no failing line.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("m1env-plan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string helloVersion)
    {
        var project = Path.Combine(folder, "pins.proj");
        var wheels = Path.Combine(BuiltTool.Repository, "samples", "quickstart", "wheels");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.props" />
              <PropertyGroup>
                <M1EnvOffline>true</M1EnvOffline>
                <M1EnvPipFindLinks>{wheels}</M1EnvPipFindLinks>
              </PropertyGroup>
              <ItemGroup>
                <PythonEnv Include="pins" Python="3" />
                <PipPackage Include="m1env-hello" {helloVersion} />
                <PipPackage Include="m1env-units" Version="1.0.0" />
              </ItemGroup>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.targets" />
            </Project>
            """);
        return project;
    }

    [Fact]
    public void A_dropped_pin_the_installed_version_satisfies_is_no_step_and_doctor_passes_the_env()
    {
        var provision = BuiltTool.Run("provision", "--project", Write("""Version="1.0.0" """));
        Assert.True(provision.ExitCode == 0, provision.Output + provision.Error);

        var project = Write(string.Empty);
        var plan = BuiltTool.Run("plan", "--project", project);
        var doctor = BuiltTool.Run("doctor", "--json", "--project", project);

        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Contains("M1Env plan for 'pins'", plan.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to install", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("because", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pip install", plan.Output, StringComparison.Ordinal);
        using var checks = JsonDocument.Parse(doctor.Output);
        var env = checks.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "env 'pins'");
        Assert.Equal("pass", env.GetProperty("status").GetString());
    }
}
