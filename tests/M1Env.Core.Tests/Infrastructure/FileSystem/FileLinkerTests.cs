using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Testing;

namespace M1Env.Core.Tests.Infrastructure.FileSystem;

/// <summary>Each link mode and its fallbacks on the temp folder's file system and across to another (POSIX only).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileLinkerTests : IDisposable
{
    private static readonly DateTime KeptTime = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private readonly TempDirectory temp = new("m1env-file-linker");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    private string Source()
    {
        var source = temp.Combine($"kept-{Guid.NewGuid():N}.py");
        File.WriteAllText(source, "print('kept')\n");
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetLastWriteTimeUtc(source, KeptTime);
        return source;
    }

    private IEnumerable<string> Warnings => log.Lines.Where(line => line.StartsWith($"warning {ErrorCodes.FileSystemError}", StringComparison.Ordinal));

    private static void AssertOwnCopy(string source, string target)
    {
        File.AppendAllText(target, "# an edit in the env\n");
        Assert.Equal("print('kept')\n", File.ReadAllText(source));
        Assert.Equal(File.GetUnixFileMode(source), File.GetUnixFileMode(target));
    }

    [Ext4TempFact]
    public void Auto_on_a_file_system_that_cannot_clone_hard_links_and_says_so_only_in_detail()
    {
        var source = Source();
        var target = temp.Combine("env.py");

        var way = new FileLinker(LinkMode.Auto, log).ForTree().Place(source, target);

        Assert.Equal(LinkMode.Hardlink, way);
        File.AppendAllText(target, "# the same file\n");
        Assert.Equal(File.ReadAllText(target), File.ReadAllText(source));
        Assert.Empty(Warnings);
        Assert.Contains(log.Lines, line => line.Contains("cannot clone files", StringComparison.Ordinal));
    }

    [Ext4TempFact]
    public void Clone_on_a_file_system_that_cannot_copies_with_the_kept_time_and_warns_once_per_build()
    {
        var linker = new FileLinker(LinkMode.Clone, log);
        var first = Source();
        var target = temp.Combine("env.py");

        Assert.Equal(LinkMode.Copy, linker.ForTree().Place(first, target));
        Assert.Equal(LinkMode.Copy, linker.ForTree().Place(Source(), temp.Combine("other.py")));

        Assert.Equal(KeptTime, File.GetLastWriteTimeUtc(target));
        AssertOwnCopy(first, target);
        Assert.Contains("M1EnvLinkMode=clone", Assert.Single(Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Hardlink_shares_the_file()
    {
        var source = Source();
        var target = temp.Combine("env.py");

        Assert.Equal(LinkMode.Hardlink, new FileLinker(LinkMode.Hardlink, log).ForTree().Place(source, target));

        File.AppendAllText(target, "# the same file\n");
        Assert.Equal(File.ReadAllText(target), File.ReadAllText(source));
    }

    [Fact]
    public void Copy_makes_a_file_of_its_own_with_the_kept_time_and_mode()
    {
        var source = Source();
        var target = temp.Combine("env.py");

        Assert.Equal(LinkMode.Copy, new FileLinker(LinkMode.Copy, log).ForTree().Place(source, target));

        Assert.Equal(KeptTime, File.GetLastWriteTimeUtc(target));
        AssertOwnCopy(source, target);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void Hard_links_are_never_made_for_a_tree_that_must_not_share_files()
    {
        var source = Source();
        var target = temp.Combine("env.py");

        var way = new FileLinker(LinkMode.Hardlink, log).ForTree(hardLinks: false).Place(source, target);

        Assert.Equal(LinkMode.Copy, way);
        AssertOwnCopy(source, target);
    }

    [SecondFileSystemFact]
    public void Hardlink_across_file_systems_copies_and_warns()
    {
        var source = Source();
        var target = Path.Combine(SecondFileSystemFactAttribute.Folder, $"m1env-linker-{Guid.NewGuid():N}.py");
        try
        {
            Assert.Equal(LinkMode.Copy, new FileLinker(LinkMode.Hardlink, log).ForTree().Place(source, target));

            Assert.Equal(KeptTime, File.GetLastWriteTimeUtc(target));
            AssertOwnCopy(source, target);
            Assert.Contains("M1EnvLinkMode=hardlink", Assert.Single(Warnings), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(target);
        }
    }

    [SecondFileSystemFact]
    public void Auto_across_file_systems_copies_without_a_warning()
    {
        var source = Source();
        var target = Path.Combine(SecondFileSystemFactAttribute.Folder, $"m1env-linker-{Guid.NewGuid():N}.py");
        try
        {
            Assert.Equal(LinkMode.Copy, new FileLinker(LinkMode.Auto, log).ForTree().Place(source, target));

            AssertOwnCopy(source, target);
            Assert.Empty(Warnings);
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Theory]
    [InlineData(LinkMode.Auto)]
    [InlineData(LinkMode.Clone)]
    [InlineData(LinkMode.Hardlink)]
    [InlineData(LinkMode.Copy)]
    public void A_target_in_the_way_is_an_error_and_stays_as_it_was(LinkMode mode)
    {
        var source = Source();
        var target = temp.Combine("taken.py");
        File.WriteAllText(target, "mine");

        Assert.ThrowsAny<IOException>(() => new FileLinker(mode, log).ForTree().Place(source, target));

        Assert.Equal("mine", File.ReadAllText(target));
    }
}
