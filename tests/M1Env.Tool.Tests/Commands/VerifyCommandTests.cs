using System.Text.Json;

namespace M1Env.Tool.Tests.Commands;

/// <summary><c>m1env verify</c>, the built tool against a real interpreter.</summary>
public class VerifyCommandTests
{
    [Fact]
    public void Json_lists_every_framework_for_the_interpreter_asked()
    {
        var python = OperatingSystem.IsWindows() ? "python" : "python3";
        var (exitCode, output, error) = BuiltTool.Run("verify", "--python", python, "--json");

        Assert.True(exitCode == 0, error);
        using var report = JsonDocument.Parse(output);
        Assert.Equal(
            ["numpy", "pandas", "scikit-learn", "matplotlib", "tensorflow", "torch", "jax", "mlx"],
            report.RootElement.GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.StartsWith("3.", report.RootElement.GetProperty("python").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_interpreter_that_does_not_run_exits_2_with_the_code()
    {
        var (exitCode, _, error) = BuiltTool.Run("verify", "--python", "/nonexistent/python");

        Assert.Equal(2, exitCode);
        Assert.Contains("error M1E070:", error, StringComparison.Ordinal);
    }
}
