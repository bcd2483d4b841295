using System.Text.Json;

namespace M1Env.Tool.Tests.Commands.Cache;

/// <summary><c>m1env cache info</c> and <c>m1env cache prune</c>, the built tool run on a tools folder of its own.</summary>
public sealed class CachePruneCommandTests : IDisposable
{
    private readonly string tools = Directory.CreateTempSubdirectory("m1env-cache-prune").FullName;

    public void Dispose() => Directory.Delete(tools, recursive: true);

    /// <summary>A kept install with one file of <paramref name="bytes"/>, last used on <paramref name="used"/>.</summary>
    private string KeptInstall(string name, int bytes, string used)
    {
        var folder = Directory.CreateDirectory(Path.Combine(tools, "installs", "cpython-3.11", name)).FullName;
        File.WriteAllBytes(Path.Combine(folder, "file.bin"), new byte[bytes]);
        File.WriteAllText(folder + ".used", used);
        return folder;
    }

    [Fact]
    public void Info_prints_the_sizes_by_kind_and_prune_lists_then_removes_what_was_unused()
    {
        var old = KeptInstall("old-1.0-aaaa", 3 * 1024 * 1024, "2020-01-01");
        var recent = KeptInstall("recent-1.0-bbbb", 1000, DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(tools, "python", "cpython-3.11.9")).FullName, "python"), new byte[500]);

        var info = BuiltTool.Run("cache", "info", "--tools-dir", tools, "--json");
        Assert.Equal(0, info.ExitCode);
        using (var json = JsonDocument.Parse(info.Output))
        {
            var kinds = json.RootElement.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("bytes").GetInt64());
            Assert.Equal(3 * 1024 * 1024 + 1000, kinds["installs"]);
            Assert.Equal(500, kinds["managedPythons"]);
        }

        var dryRun = BuiltTool.Run("cache", "prune", "--tools-dir", tools, "--dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("old-1.0-aaaa", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("2020-01-01", dryRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("recent-1.0-bbbb", dryRun.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(old));

        var prune = BuiltTool.Run("cache", "prune", "--tools-dir", tools, "--days", "30");
        Assert.Equal(0, prune.ExitCode);
        Assert.Contains("Removed 1 of 1 items", prune.Output, StringComparison.Ordinal);
        Assert.Contains("freeing 3.0 MB", prune.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(recent));
        Assert.True(Directory.Exists(Path.Combine(tools, "python", "cpython-3.11.9")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("thirty")]
    public void A_bad_number_of_days_is_M1E091_and_removes_nothing(string days)
    {
        var old = KeptInstall("old-1.0-aaaa", 100, "2020-01-01");

        var (exitCode, _, error) = BuiltTool.Run("cache", "prune", "--tools-dir", tools, "--days", days);

        Assert.Equal(2, exitCode);
        Assert.Contains("error M1E091", error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(old));
    }
}
