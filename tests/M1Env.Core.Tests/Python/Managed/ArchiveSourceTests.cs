using M1Env.Core.Python.Managed;

namespace M1Env.Core.Tests.Python.Managed;

public sealed class ArchiveSourceTests
{
    [Fact]
    public void A_mirror_serves_the_pinned_file_name_escaped_as_github_does()
    {
        var source = ArchiveSource.InMirror("https://mirror.example/pbs", "cpython-3.11.16+20260814-x86_64-unknown-linux-gnu-install_only_stripped.tar.gz");

        Assert.Equal("https://mirror.example/pbs/cpython-3.11.16%2B20260814-x86_64-unknown-linux-gnu-install_only_stripped.tar.gz", source.Url!.AbsoluteUri);
        Assert.Equal("cpython-3.11.16+20260814-x86_64-unknown-linux-gnu-install_only_stripped.tar.gz", source.FileName);
    }

    [Fact]
    public void A_file_mirror_and_a_path_are_read_from_disk()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pbs");

        Assert.Equal(Path.Combine(folder, "cpython-3.11.7+1-x.tar.gz"), ArchiveSource.InMirror(new Uri(folder).AbsoluteUri, "cpython-3.11.7+1-x.tar.gz").LocalPath);
        Assert.Equal(Path.GetFullPath("python.tar.gz"), ArchiveSource.Parse("python.tar.gz")!.LocalPath);
        Assert.Equal(Path.Combine(folder, "python.tar.gz"), ArchiveSource.Parse(Path.Combine(folder, "python.tar.gz"))!.LocalPath);
    }

    [Fact]
    public void An_http_archive_is_downloaded()
    {
        var source = ArchiveSource.Parse("http://127.0.0.1:8080/builds/cpython-3.11.7%2B1-x.tar.gz")!;

        Assert.Equal("cpython-3.11.7+1-x.tar.gz", source.FileName);
        Assert.Null(source.LocalPath);
    }
}
