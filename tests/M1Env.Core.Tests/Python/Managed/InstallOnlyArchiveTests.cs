using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Python.Managed;
using M1Env.Testing;

namespace M1Env.Core.Tests.Python.Managed;

/// <summary>Unpacking: the layout python-build-standalone's install_only archives have, and members that would escape it.</summary>
public sealed class InstallOnlyArchiveTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-install-only");

    public void Dispose() => temp.Dispose();

    private string Destination => temp.Combine("unpacked");

    [Fact]
    public void Members_under_python_land_in_the_folder_with_their_links_and_modes()
    {
        var archive = Write(
            Directory("python/"),
            File("python/bin/python3.11", "#!interpreter", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute),
            Link("python/bin/python3", "python3.11"),
            File("python/lib/python3.11/os.py", "# os"),
            HardLink("python/lib/python3.11/os2.py", "python/lib/python3.11/os.py"));

        InstallOnlyArchive.Unpack(archive, Destination, "linux-x64");

        Assert.Equal("#!interpreter", System.IO.File.ReadAllText(Path.Combine(Destination, "bin", "python3")));
        Assert.Equal("python3.11", new FileInfo(Path.Combine(Destination, "bin", "python3")).LinkTarget);
        Assert.Equal("# os", System.IO.File.ReadAllText(Path.Combine(Destination, "lib", "python3.11", "os2.py")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((System.IO.File.GetUnixFileMode(Path.Combine(Destination, "bin", "python3.11")) & UnixFileMode.UserExecute) != 0);
        }
    }

    public static TheoryData<string, TarEntry> Escapes() => new()
    {
        { "lies outside python/", File("other/bin/python3", "x") },
        { "would land outside the build's folder", File("python/../../etc/passwd", "x") },
        { "points outside the build", Link("python/bin/python3", "/usr/bin/python3") },
        { "points outside the build", Link("python/bin/python3", "../../../usr/bin/python3") },
        { "is not a file before it in the archive", HardLink("python/bin/python3", "python/bin/missing") },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void A_member_that_would_escape_the_folder_is_refused(string reason, TarEntry entry)
    {
        var archive = Write(File("python/bin/python3.11", "x"), entry);

        var error = Assert.Throws<M1EnvException>(() => InstallOnlyArchive.Unpack(archive, Destination, "linux-x64"));

        Assert.Equal(ErrorCodes.ManagedPythonInstallFailed, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(temp.Combine("etc", "passwd")));
    }

    [Fact]
    public void An_archive_without_an_interpreter_is_not_an_install_only_build()
    {
        var archive = Write(File("python/lib/python3.11/os.py", "# os"));

        var error = Assert.Throws<M1EnvException>(() => InstallOnlyArchive.Unpack(archive, Destination, "linux-x64"));

        Assert.Contains("it holds no bin/python3 under python/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_gzip_tar_is_refused_with_the_install_code()
    {
        var archive = temp.Combine("broken.tar.gz");
        System.IO.File.WriteAllText(archive, "not a tar");

        var error = Assert.Throws<M1EnvException>(() => InstallOnlyArchive.Unpack(archive, Destination, "linux-x64"));

        Assert.Equal(ErrorCodes.ManagedPythonInstallFailed, error.Code);
        Assert.Contains("not a whole gzip-compressed tar file", error.Message, StringComparison.Ordinal);
    }

    private string Write(params TarEntry[] entries)
    {
        var path = temp.Combine($"archive-{Guid.NewGuid():N}.tar.gz");
        using var file = System.IO.File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }

        return path;
    }

    private static PaxTarEntry Directory(string name) => new(TarEntryType.Directory, name);

    private static PaxTarEntry File(string name, string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = mode };
        return entry;
    }

    private static PaxTarEntry Link(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target };

    private static PaxTarEntry HardLink(string name, string target) => new(TarEntryType.HardLink, name) { LinkName = target };
}
