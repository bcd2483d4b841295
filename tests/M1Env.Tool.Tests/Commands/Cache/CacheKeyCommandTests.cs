using System.Diagnostics;
using System.Text.Json;

namespace M1Env.Tool.Tests.Commands.Cache;

/// <summary><c>m1env cache key</c>, the built tool on a project that imports the SDK from this repository's source.</summary>
public sealed class CacheKeyCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("m1env-cache-key-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Clone(string name)
    {
        var clone = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
        File.WriteAllText(Path.Combine(clone, "env.proj"), $"""
            <Project>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.props" />
              <PropertyGroup><M1EnvToolsDir>{Path.Combine(clone, "tools")}</M1EnvToolsDir></PropertyGroup>
              <ItemGroup><PythonEnv Include="ml" Python="3.11" /></ItemGroup>
              <Import Project="{BuiltTool.Repository}/eng/M1Env.Sdk.FromSource.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(clone, "pylock.ml.toml"), "lock-version = \"1.0\"\ncreated-by = \"m1env\"\n");
        return clone;
    }

    [Fact]
    public void The_key_is_the_target_s_the_same_at_another_path_and_changes_with_the_lock()
    {
        var first = Clone("agent-a");
        var second = Clone("agent-b");

        var (exitCode, output, error) = BuiltTool.Run("cache", "key", "--json", "--project", Path.Combine(first, "env.proj"));

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var key = json.RootElement.GetProperty("key").GetString()!;
        Assert.StartsWith("m1env-1-", key, StringComparison.Ordinal);
        Assert.Equal(key, TargetKey(first));
        Assert.Equal(key, BuiltTool.Run("cache", "key", "--project", Path.Combine(second, "env.proj")).Output.Trim());
        Assert.False(Directory.Exists(Path.Combine(first, "tools")));

        File.AppendAllText(Path.Combine(second, "pylock.ml.toml"), "# moved\n");
        Assert.NotEqual(key, BuiltTool.Run("cache", "key", "--project", Path.Combine(second, "env.proj")).Output.Trim());
    }

    private static string TargetKey(string clone)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = clone };
        foreach (var argument in new[] { "msbuild", "env.proj", "-t:M1EnvCacheKey", "-getProperty:M1EnvCacheKey", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output + process.StandardError.ReadToEnd());
        return output.Trim();
    }
}
