using System.Security;
using System.Text.Json;
using M1Env.Core.State;
using M1Env.Testing;

namespace M1Env.Tasks.Tests.Targets;

/// <summary>
/// M1Env.targets reads build.key by position, with property functions; these tests write a key with
/// the C# writer and have the real targets read it, so a record changed on one side only fails here.
/// </summary>
public sealed class BuildKeyTargetsTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-buildkey-targets");
    private readonly string project;
    private readonly string prefix;
    private readonly string interpreter;
    private readonly string sitePackages;

    public BuildKeyTargetsTests()
    {
        project = temp.Combine("env.proj");
        File.WriteAllText(project, $"""
            <Project>
              <PropertyGroup>
                <M1EnvSdkVersion>0.0.0-test</M1EnvSdkVersion>
              </PropertyGroup>
              <Import Project="{SecurityElement.Escape(SdkTargets.File)}" />
              <ItemGroup>
                <PythonEnv Include="demo" Python="3.11" />
              </ItemGroup>
            </Project>
            """);
        prefix = temp.CreateSubdirectory(".m1env/demo");
        Directory.CreateDirectory(Path.Combine(prefix, ".m1env"));
        File.WriteAllText(temp.CreateSubdirectory(".m1env/demo/bin") + "/python", "#!");
        sitePackages = temp.CreateSubdirectory(".m1env/demo/lib/python3.11/site-packages");
        interpreter = Path.Combine(temp.CreateSubdirectory("base"), "python3.11");
        File.WriteAllText(interpreter, "#!");
    }

    public void Dispose() => temp.Dispose();

    // Every value distinct, so a field read from another position shows.
    private ProvisionedEnv Env() => new(
        "demo", prefix, prefix + "/bin/python", "spec-hash", interpreter, "3.11.7", "/usr/lib/libpython3.11.so.1.0", "/usr/lib/python3.11", sitePackages)
    {
        CacheKey = "m1env-1-linux-x64-00112233445566778899aabbccddeeff",
    };

    private const string ProjectCacheKey = "m1env-1-linux-x64-ffeeddccbbaa99887766554433221100";

    private string KeyPath => Path.Combine(prefix, ".m1env", "build.key");

    private void WriteKey(string msbuildKey, bool withProjectCacheKey = true)
    {
        File.WriteAllText(KeyPath, BuildKey.Create(msbuildKey, "spec-hash", interpreter, [sitePackages], Env()).Format());
        if (withProjectCacheKey)
        {
            StampStore.AddProjectCacheKey(KeyPath, ProjectCacheKey);
        }
    }

    private Task<JsonElement> ReadAsync() => SdkTargets.RunAsync(
        project,
        "_M1EnvCheckUpToDate;_M1EnvRecordedProvisioned",
        ["_M1EnvBuildKey", "_M1EnvUpToDate", "M1EnvCacheKey"],
        ["_M1EnvRecord", "_M1EnvUpToDateEnv", "M1EnvProvisioned"],
        // A build that does not provision hands on the recorded item too (_M1EnvRecordedProvisioned).
        "M1EnvEnabled=false");

    private static string Property(JsonElement result, string name) => result.GetProperty("Properties").GetProperty(name).GetString() ?? string.Empty;

    private static JsonElement[] Items(JsonElement result, string name) =>
        result.GetProperty("Items").TryGetProperty(name, out var items) ? [.. items.EnumerateArray()] : [];

    private static string Meta(JsonElement item, string name) => item.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;

    private async Task<string> CurrentKeyAsync() => Property(await ReadAsync(), "_M1EnvBuildKey");

    [Fact]
    public async Task The_targets_read_every_info_field_under_the_metadata_name_the_csharp_definition_gives_it()
    {
        WriteKey(await CurrentKeyAsync());

        var result = await ReadAsync();

        var env = Env();
        foreach (var itemType in new[] { "_M1EnvUpToDateEnv", "M1EnvProvisioned" })
        {
            var item = Assert.Single(Items(result, itemType));
            Assert.Equal("demo", Meta(item, "Identity"));
            Assert.All(ProvisionedEnvField.All, field => Assert.Equal((itemType, field.Name, field.Read(env)), (itemType, field.Name, Meta(item, field.Name))));
        }

        Assert.Equal(
            BuildKeyRecord.Info.Fields.Count,
            Items(result, "_M1EnvRecord").Single(r => Meta(r, "Kind") == BuildKeyRecord.Info.Kind).GetProperty("Identity").GetString()!.Split('|').Length - 1);
    }

    [Fact]
    public async Task The_targets_find_the_key_and_the_times_where_the_writer_puts_them()
    {
        var key = await CurrentKeyAsync();
        WriteKey(key);

        var result = await ReadAsync();

        Assert.Equal("true", Property(result, "_M1EnvUpToDate"));
        var records = Items(result, "_M1EnvRecord");
        Assert.Equal(key, Meta(records.Single(r => Meta(r, "Kind") == BuildKeyRecord.Key.Kind), "Field" + (1 + IndexOf(BuildKeyRecord.Key, "Key"))));
        foreach (var record in new[] { BuildKeyRecord.FileTime, BuildKeyRecord.CreationTime, BuildKeyRecord.DirectoryTime })
        {
            var read = records.Where(r => Meta(r, "Kind") == record.Kind).ToArray();
            Assert.NotEmpty(read);
            // What the targets measured at the path they read equals the time they read: the fields are where they look.
            Assert.All(read, r => Assert.Equal(Meta(r, "Field" + (1 + IndexOf(record, BuildKeyRecord.Ticks))), Meta(r, "Actual")));
        }
    }

    [Fact]
    public async Task Another_key_or_a_touched_folder_makes_the_env_stale()
    {
        var key = await CurrentKeyAsync();
        WriteKey("another" + key);
        Assert.Equal(string.Empty, Property(await ReadAsync(), "_M1EnvUpToDate"));

        WriteKey(key);
        Directory.SetLastWriteTime(sitePackages, Directory.GetLastWriteTime(sitePackages).AddSeconds(-5));
        Assert.Equal(string.Empty, Property(await ReadAsync(), "_M1EnvUpToDate"));
    }

    [Fact]
    public async Task The_targets_hand_the_recorded_project_cache_key_on_and_a_key_without_it_is_stale()
    {
        var key = await CurrentKeyAsync();
        WriteKey(key);
        StampStore.AddProjectCacheKey(KeyPath, ProjectCacheKey);

        var result = await ReadAsync();

        Assert.Equal("true", Property(result, "_M1EnvUpToDate"));
        Assert.Equal(ProjectCacheKey, Property(result, "M1EnvCacheKey"));
        Assert.Single(File.ReadAllText(KeyPath).Split(';'), r => r.StartsWith(BuildKeyRecord.ProjectCacheKey.Kind + "|", StringComparison.Ordinal));

        WriteKey(key, withProjectCacheKey: false);
        Assert.Equal(string.Empty, Property(await ReadAsync(), "_M1EnvUpToDate"));
    }

    private static int IndexOf(BuildKeyRecord record, string field)
    {
        var index = record.Fields.ToList().IndexOf(field);
        Assert.True(index >= 0, $"{record.Kind} has no field {field}");
        return index;
    }
}
