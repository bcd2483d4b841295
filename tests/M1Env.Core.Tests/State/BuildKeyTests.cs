using M1Env.Core.State;
using M1Env.Testing;

namespace M1Env.Core.Tests.State;

public sealed class BuildKeyTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-buildkey");

    public void Dispose() => temp.Dispose();

    private ProvisionedEnv Env(string prefix) =>
        new("demo", prefix, prefix + "/bin/python", "hash", "/usr/bin/python3.11", "3.11.2", "/usr/lib/libpython3.11.so.1.0", "/usr/lib/python3.11", prefix + "/lib/site-packages");

    [Fact]
    public void Records_the_key_the_times_msbuild_will_compare_and_the_metadata_in_order()
    {
        var interpreter = temp.Combine("python3.11");
        File.WriteAllText(interpreter, "#!");
        var folder = temp.CreateSubdirectory("site-packages");
        var records = BuildKey.Create("KEY", "hash", interpreter, [folder, temp.Combine("missing")], Env(temp.Path)).Format().Split(';');

        Assert.Equal("key|KEY|hash", records[0]);
        Assert.Equal($"file|{File.GetLastWriteTime(interpreter).Ticks}|{interpreter}", records[1]);
        Assert.Equal($"born|{File.GetCreationTime(interpreter).Ticks}|{interpreter}", records[2]);
        Assert.Equal($"dir|{Directory.GetLastWriteTime(folder).Ticks}|{folder}", records[3]);
        Assert.Equal($"info|{temp.Path}|{temp.Path}/bin/python|hash|/usr/bin/python3.11|3.11.2|/usr/lib/libpython3.11.so.1.0|/usr/lib/python3.11|{temp.Path}/lib/site-packages|", records[4]);
        Assert.Equal(5, records.Length);
    }

    [Fact]
    public void A_path_that_would_break_the_format_makes_every_build_check_instead()
    {
        var odd = temp.CreateSubdirectory("a;b");
        var records = BuildKey.Create("KEY", "hash", temp.Combine("python"), [odd], Env(temp.Path)).Format().Split(';');

        Assert.Contains("always|", records);
        Assert.DoesNotContain(records, r => r.Contains("a;b", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_takes_exactly_its_own_fields()
    {
        Assert.Equal(["K", "S"], BuildKeyRecord.Key.Order(new Dictionary<string, string> { ["SpecHash"] = "S", ["Key"] = "K" }));
        Assert.Throws<ArgumentException>(() => BuildKeyRecord.Key.Order(new Dictionary<string, string> { ["Key"] = "K" }));
        Assert.Throws<ArgumentException>(() => BuildKeyRecord.FileTime.Order(new Dictionary<string, string> { ["Ticks"] = "1", ["Path"] = "/p", ["Extra"] = "x" }));
    }
}
