using M1Env.Core.Paths;
using M1Env.Testing;

namespace M1Env.Core.Tests.Paths;

/// <summary>Hard links, and the copy where a link cannot be made (POSIX: Windows has no use for them).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HardLinkTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-hard-link");

    public void Dispose() => temp.Dispose();

    private string Source()
    {
        var source = temp.Combine("source.py");
        File.WriteAllText(source, "print('seed')\n");
        File.SetLastWriteTimeUtc(source, new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        return source;
    }

    [Fact]
    public void On_one_file_system_the_target_is_the_same_file()
    {
        var source = Source();
        var target = temp.Combine("linked.py");

        HardLink.LinkOrCopy(source, target);
        File.AppendAllText(source, "# one file\n");

        Assert.Equal(File.ReadAllText(source), File.ReadAllText(target));
    }

    [SecondFileSystemFact]
    public void Across_file_systems_the_target_is_a_copy_with_the_source_time()
    {
        var source = Source();
        var target = Path.Combine(SecondFileSystemFactAttribute.Folder, $"m1env-hard-link-{Guid.NewGuid():N}.py");
        try
        {
            HardLink.LinkOrCopy(source, target);
            File.AppendAllText(source, "# changed after the copy\n");

            Assert.Equal("print('seed')\n", File.ReadAllText(target));
            Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), File.GetLastWriteTimeUtc(target));
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public void An_existing_target_is_an_error()
    {
        var source = Source();
        var target = temp.Combine("taken.py");
        File.WriteAllText(target, "mine");

        Assert.Throws<IOException>(() => HardLink.LinkOrCopy(source, target));
        Assert.Equal("mine", File.ReadAllText(target));
    }
}
