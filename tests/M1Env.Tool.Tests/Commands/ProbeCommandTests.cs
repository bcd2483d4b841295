using System.Text.Json;

namespace M1Env.Tool.Tests.Commands;

/// <summary>The built tool, run as a user runs it.</summary>
public class ProbeCommandTests
{
    [Fact]
    public void Probe_json_is_one_document_a_script_can_read()
    {
        var (exitCode, output, _) = BuiltTool.Run("probe", "--json");

        Assert.Equal(0, exitCode);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.Contains(root.GetProperty("accelerator").GetString(), new[] { "cpu", "cuda", "metal" });
        Assert.True(root.GetProperty("memoryBytes").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("cuda").GetProperty("devices").ValueKind);
    }

    [Fact]
    public void Probe_shows_a_table_with_the_accelerator()
    {
        var (exitCode, output, _) = BuiltTool.Run("probe");

        Assert.Equal(0, exitCode);
        Assert.Contains("Accelerator", output, StringComparison.Ordinal);
        Assert.Contains("CUDA", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_fails_with_help()
    {
        var (exitCode, _, _) = BuiltTool.Run("nonsense");
        Assert.NotEqual(0, exitCode);
    }
}
