using M1Env.Core.Python;
using M1Env.Core.State;
using M1Env.Testing;

namespace M1Env.Core.Tests.State;

public sealed class StampStoreTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-stamp");

    private string Prefix => temp.Combine("env");

    public void Dispose() => temp.Dispose();

    private static EnvStamp Sample(bool complete) =>
        new(EnvStamp.CurrentSchema, complete, "1.2.3", new string('a', 64), "demo", "3.11",
            new PythonInterpreter("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython"),
            [new StampedPackage("numpy", "numpy==2.0")]);

    [Fact]
    public void Round_trips_a_stamp()
    {
        var store = new StampStore(Prefix);
        store.Write(Sample(complete: true));
        var read = store.Read();

        Assert.NotNull(read);
        Assert.True(read.Complete);
        Assert.Equal("numpy==2.0", Assert.Single(read.PipPackages).Requirement);
        Assert.Equal("/usr/bin/python3.11", read.Interpreter.Executable);
        Assert.Empty(Directory.GetFiles(store.StateDirectory, "*.tmp"));
    }

    [Fact]
    public void A_missing_or_corrupt_stamp_reads_as_none()
    {
        var store = new StampStore(Prefix);
        Assert.Null(store.Read());

        Directory.CreateDirectory(store.StateDirectory);
        File.WriteAllText(store.StampPath, "{ \"schema\": 1, \"compl");
        Assert.Null(store.Read());
    }

    [Fact]
    public void The_build_key_is_one_line_that_Sdk_targets_can_split_by_length()
    {
        var store = new StampStore(Prefix);
        var hash = new string('b', 64);
        store.WriteBuildKey("KEY", hash, "/usr/bin/python3.11");

        var line = File.ReadAllText(store.BuildKeyPath);
        Assert.Equal($"KEY|{hash}|/usr/bin/python3.11", line);
        Assert.Equal(hash, line.Substring("KEY".Length + 1, 64));
        Assert.Equal("/usr/bin/python3.11", line[("KEY".Length + 66)..]);
    }
}
