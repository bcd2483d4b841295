using System.Security;
using M1Env.Core.Cache;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Tasks.Tests.Targets;

/// <summary>
/// <c>dotnet msbuild -t:M1EnvCacheKey -getProperty:M1EnvCacheKey</c> with the real targets and task: the key of
/// the lock files, the same from two clones with their own HOME and M1EnvToolsDir, none of which exists.
/// </summary>
public sealed class CacheKeyTargetTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-cachekey-target");

    public void Dispose() => temp.Dispose();

    private string Clone(string name)
    {
        var directory = temp.CreateSubdirectory(name);
        File.WriteAllText(Path.Combine(directory, "env.proj"), $"""
            <Project>
              <PropertyGroup>
                <M1EnvTasksAssembly>{SecurityElement.Escape(typeof(ComputeCacheKey).Assembly.Location)}</M1EnvTasksAssembly>
                <M1EnvLockPlatforms>linux-x64;osx-arm64</M1EnvLockPlatforms>
              </PropertyGroup>
              <Import Project="{SecurityElement.Escape(SdkTargets.File)}" />
              <ItemGroup>
                <PythonEnv Include="web" Python="3.12" />
                <CondaEnv Include="ml" Python="3.11" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "pylock.web.toml"), "lock-version = \"1.0\"\r\n");
        File.WriteAllText(Path.Combine(directory, "ml.linux-64.conda-lock.txt"), "@EXPLICIT\n");
        return Path.Combine(directory, "env.proj");
    }

    private static async Task<(string Key, string[] EnvKeys)> KeyAsync(string project, string home)
    {
        var result = await SdkTargets.RunAsync(project, "M1EnvCacheKey", ["M1EnvCacheKey"], ["_M1EnvCacheKeyEnv"], $"M1EnvToolsDir={home}/tools");
        var envs = result.GetProperty("Items").GetProperty("_M1EnvCacheKeyEnv").EnumerateArray().Select(e => e.GetProperty("CacheKey").GetString()!).ToArray();
        return (result.GetProperty("Properties").GetProperty("M1EnvCacheKey").GetString()!, envs);
    }

    [Fact]
    public async Task The_target_gives_the_cores_key_from_any_clone_path_and_tools_folder_without_provisioning()
    {
        var first = Clone("agent-a/repo");
        var second = Clone("agent-b/s");

        var (key, envKeys) = await KeyAsync(first, temp.Combine("home-a"));

        var (inputs, _) = CacheKeyInput.FromDeclarations(
            [new(EnvKind.Venv, "web", "3.12", null), new(EnvKind.Conda, "ml", "3.11", null)], Path.GetDirectoryName(first)!, null, ["linux-x64", "osx-arm64"]);
        Assert.Equal(CacheKeys.ForProject(inputs), key);
        Assert.Equal(inputs.Select(CacheKeys.ForEnv), envKeys);
        var (secondKey, secondEnvKeys) = await KeyAsync(second, temp.Combine("home-b"));
        Assert.Equal(key, secondKey);
        Assert.Equal(envKeys, secondEnvKeys);
        Assert.False(Directory.Exists(temp.Combine("home-a", "tools")));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(first)!, ".m1env")));
    }
}
