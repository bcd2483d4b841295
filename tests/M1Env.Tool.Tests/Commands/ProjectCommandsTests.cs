namespace M1Env.Tool.Tests.Commands;

/// <summary>plan, provision and run on samples/quickstart (offline, from its wheels), with the built tool.</summary>
public class ProjectCommandsTests
{
    private static string Quickstart => Path.Combine(BuiltTool.Repository, "samples", "quickstart", "quickstart.csproj");

    [Fact]
    public void Run_provisions_the_declared_env_and_runs_the_command_in_it_and_plan_then_has_nothing_to_do()
    {
        var run = BuiltTool.Run("run", "--project", Quickstart, "--env", "quickstart", "--", "python", "-c", "import sys, m1env_hello; print(sys.prefix)");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.EndsWith(Path.Combine("samples", "quickstart", ".m1env", "quickstart"), run.Output.Trim().Split('\n').Last().Trim(), StringComparison.Ordinal);

        var plan = BuiltTool.Run("plan", "--project", Quickstart);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("M1Env plan for 'quickstart' (venv at ", plan.Output, StringComparison.Ordinal);
        Assert.Contains("nothing", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_finds_pip_in_the_envs_scripts_folder_before_the_one_on_PATH_and_sets_VIRTUAL_ENV()
    {
        var prefix = Path.Combine(BuiltTool.Repository, "samples", "quickstart", ".m1env", "quickstart");

        var pip = BuiltTool.Run("run", "--project", Quickstart, "--env", "quickstart", "--", "pip", "--version");
        var shell = BuiltTool.Run("run", "--project", Quickstart, "--env", "quickstart", "--", "sh", "-c", "echo \"$VIRTUAL_ENV\"; command -v pip");

        Assert.True(pip.ExitCode == 0, pip.Output + pip.Error);
        Assert.Contains($"from {prefix}", pip.Output, StringComparison.Ordinal);
        Assert.Equal([prefix, Path.Combine(prefix, "bin", "pip")], shell.Output.Trim().Split('\n'));
    }

    [Fact]
    public void Run_of_a_command_that_is_nowhere_is_a_coded_error()
    {
        var run = BuiltTool.Run("run", "--project", Quickstart, "--env", "quickstart", "--", "m1env-no-such-command");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error M1E090: The env has no command 'm1env-no-such-command'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_env_the_project_does_not_declare_is_a_coded_error()
    {
        var run = BuiltTool.Run("run", "--project", Quickstart, "--env", "nope", "--", "python");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error M1E005: The project declares no env 'nope'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Provision_json_is_what_a_build_hands_on_and_progress_stays_off_stdout()
    {
        var run = BuiltTool.Run("provision", "--project", Quickstart, "--json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var env = Assert.Single(json.RootElement.EnumerateArray().ToArray());
        Assert.Equal("quickstart", env.GetProperty("name").GetString());
        Assert.True(File.Exists(env.GetProperty("python").GetString()));
        Assert.StartsWith("3.", env.GetProperty("pythonVersion").GetString(), StringComparison.Ordinal);
    }
}
