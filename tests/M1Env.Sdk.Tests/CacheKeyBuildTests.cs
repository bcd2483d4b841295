using System.Text.Json;
using System.Text.RegularExpressions;
using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>
/// M1EnvCacheKey as CI uses it: the target computes it on a fresh agent from the lock files alone (no
/// Python, no tools folder), and a build hands on the same key as the property and each env's CacheKey.
/// </summary>
public sealed partial class CacheKeyBuildTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    [GeneratedRegex("^m1env-1-[a-z0-9]+-[a-z0-9]+-[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();

    [Fact]
    public async Task The_target_s_key_needs_no_python_and_is_the_key_a_build_and_its_no_op_hand_on()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject($"""
            {feed.IndexProperty}
            <ItemGroup>
              <PythonEnv Include="demo" Python="3.11" />
              <PipPackage Include="m1-gamma" Version="1.0" />
            </ItemGroup>
            """);
        var first = await project.BuildAsync();
        Assert.True(first.Succeeded, first.ToString());
        Directory.Delete(project.ToolsDirectory, recursive: true);

        var target = await project.DotnetAsync("msbuild", trace: TracedCommand.CanTrace, ["-t:M1EnvCacheKey", "-getProperty:M1EnvCacheKey"]);

        Assert.True(target.Succeeded, target.ToString());
        var key = Value(target.Output, "M1EnvCacheKey");
        Assert.Matches(KeyPattern(), key);
        ProcessAssertions.StartedNoPython(target);
        Assert.False(Directory.Exists(project.ToolsDirectory));

        // A build reports its outputs after its targets ran only as 'msbuild -t:Build' (dotnet build -getProperty evaluates).
        var build = await project.DotnetAsync("msbuild", trace: false, ["-t:Build", "-getProperty:M1EnvCacheKey", "-getItem:M1EnvProvisioned"]);
        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal(key, Value(build.Output, "M1EnvCacheKey"));
        Assert.Matches(KeyPattern(), EnvKey(build.Output));

        var noOp = await project.DotnetAsync("msbuild", trace: TracedCommand.CanTrace, ["-t:Build", "-getProperty:M1EnvCacheKey", "-getItem:M1EnvProvisioned"]);
        Assert.True(noOp.Succeeded, noOp.ToString());
        ProcessAssertions.StartedNoPython(noOp);
        Assert.Equal(key, Value(noOp.Output, "M1EnvCacheKey"));
        Assert.Equal(EnvKey(build.Output), EnvKey(noOp.Output));

        File.AppendAllText(Path.Combine(project.Directory, "pylock.demo.toml"), "\n# a comment changes the lock's content\n");
        var changed = await project.DotnetAsync("msbuild", trace: false, ["-t:M1EnvCacheKey", "-getProperty:M1EnvCacheKey"]);
        Assert.NotEqual(key, Value(changed.Output, "M1EnvCacheKey"));
    }

    /// <summary>A value of the JSON MSBuild prints for -getProperty/-getItem (a lone property is printed bare).</summary>
    private static string Value(string output, string property)
    {
        var json = JsonFrom(output);
        return json is null
            ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(line => line.StartsWith("m1env-", StringComparison.Ordinal))
            : json.Value.GetProperty("Properties").GetProperty(property).GetString()!;
    }

    private static string EnvKey(string output) =>
        JsonFrom(output)!.Value.GetProperty("Items").GetProperty("M1EnvProvisioned").EnumerateArray().Single().GetProperty("CacheKey").GetString()!;

    private static JsonElement? JsonFrom(string output)
    {
        var start = output.IndexOf("{\n", StringComparison.Ordinal) is var lf and >= 0 ? lf : output.IndexOf("{\r\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = output.LastIndexOf('}');
        return JsonDocument.Parse(output[start..(end + 1)]).RootElement.Clone();
    }
}
