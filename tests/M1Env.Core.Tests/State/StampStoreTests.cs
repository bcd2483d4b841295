using M1Env.Core.Infrastructure.FileSystem;
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
        new(EnvStamp.CurrentSchema, complete, Created: true, "1.2.3", new string('a', 64), new EnvOwner("/work/env.proj", "demo"), "/work/.m1env/demo", "3.11",
            new PythonInterpreter("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython"), "sources",
            [new StampedPackage("numpy", "numpy==2.0")], [new StampedDistribution("numpy", "2.0")]);

    [Fact]
    public void Round_trips_a_stamp()
    {
        var store = new StampStore(Prefix);
        store.Write(Sample(complete: true));
        var read = store.Read();

        Assert.NotNull(read);
        Assert.True(read.Complete);
        Assert.Equal("numpy==2.0", Assert.Single(read.PipPackages).Requirement);
        Assert.Equal("/usr/bin/python3.11", read.Interpreter?.Executable);
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
    public void A_stamp_of_the_old_schema_or_cut_short_reads_as_none()
    {
        var store = new StampStore(Prefix);
        Directory.CreateDirectory(store.StateDirectory);
        File.WriteAllText(store.StampPath, "{ \"schema\": 2, \"complete\": true, \"specHash\": \"h\" }");
        Assert.Null(store.Read());
    }

    [Fact]
    public void The_interpreter_record_survives_and_tells_when_its_file_changed()
    {
        var store = new StampStore(Prefix);
        var python = temp.Combine("python3.11");
        File.WriteAllText(python, "one");
        var interpreter = new PythonInterpreter(python, "3.11.2", "x86_64", "cpython");
        store.WriteInterpreter(new InterpreterRecord(interpreter, FileFingerprint.Of(python)!, HandOff: null));

        var read = store.ReadInterpreter();
        Assert.NotNull(read);
        Assert.Equal(interpreter, read.Interpreter);
        Assert.True(read.IsCurrent());

        File.WriteAllText(python, "another build");
        Assert.False(read.IsCurrent());
    }
}
