using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Installers.Pip;

namespace M1Env.Core.Tests.Installers.Pip;

/// <summary>The report reader on report shapes pip versions write; the real pip is in <see cref="PipResolverTests"/>.</summary>
public class PipReportReaderTests
{
    private const string Hex = "aa6c1d2cc05d1cb2a5e8b1fc3b3ff8e7fbb0cbad6dd4b42ce2e4d6dbb1b4d1a0";

    private static string Report(string downloadInfo, string version = "1") => $$$"""
        {"version": "{{{version}}}", "pip_version": "23.0.1",
         "install": [{"download_info": {{{downloadInfo}}}, "is_direct": false, "requested": true,
                      "metadata": {"name": "Foo_Bar", "version": "2.0", "requires_dist": ["baz>=1; sys_platform == 'win32'"]}}],
         "environment": {"sys_platform": "linux", "python_version": "3.11"}}
        """;

    [Fact]
    public void Reads_the_hashes_object_of_pip_23_1_and_later()
    {
        var resolution = PipReportReader.Read(Report($$$"""{"url": "https://user:pw@host/files/foo_bar-2.0-py3-none-any.whl#sha256={{{Hex}}}", "archive_info": {"hash": "sha256={{{Hex}}}", "hashes": {"sha256": "{{{Hex.ToUpperInvariant()}}}"} } }"""), []);

        var artifact = Assert.Single(resolution.Artifacts);
        Assert.Equal(("foo-bar", "2.0", "foo_bar-2.0-py3-none-any.whl", Hex, true, true), (artifact.Name, artifact.Version, artifact.FileName, artifact.Sha256, artifact.IsWheel, artifact.Requested));
        Assert.StartsWith("https://user:pw@host/", artifact.Url, StringComparison.Ordinal);
        Assert.Equal(["baz>=1; sys_platform == 'win32'"], artifact.RequiresDist);
        Assert.Equal("linux", resolution.Environment["sys_platform"]);
    }

    [Fact]
    public void Reads_the_older_hash_string_and_an_escaped_sdist_name()
    {
        var resolution = PipReportReader.Read(Report($$$"""{"url": "file:///w/foo%2Bbar-2.0.tar.gz", "archive_info": {"hash": "sha256={{{Hex}}}"}}""", version: "0"), []);

        var artifact = Assert.Single(resolution.Artifacts);
        Assert.Equal(("foo+bar-2.0.tar.gz", false, Hex), (artifact.FileName, artifact.IsWheel, artifact.Sha256));
    }

    [Theory]
    [InlineData("""{"url": "https://user:pw@host/files/foo_bar-2.0.tar.gz", "archive_info": {}}""", "carries no #sha256=")]
    [InlineData("""{"url": "https://user:pw@host/files/foo_bar-2.0.tar.gz", "archive_info": {"hash": "md5=0123"}}""", "carries no #sha256=")]
    [InlineData("""{"url": "git+https://user:pw@host/foo.git", "vcs_info": {"vcs": "git", "commit_id": "abc"}}""", "version-control checkout")]
    [InlineData("""{"url": "file:///src/foo", "dir_info": {}}""", "local folder")]
    public void An_artifact_without_a_sha256_fails_naming_it_without_credentials(string downloadInfo, string why)
    {
        var error = Assert.Throws<M1EnvException>(() => PipReportReader.Read(Report(downloadInfo), ["$ pip install"]));

        Assert.Equal(ErrorCodes.PipInstallFailed, error.Code);
        Assert.Contains("foo-bar 2.0", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", error.Message, StringComparison.Ordinal);
        Assert.Equal(["$ pip install"], error.ToolOutput);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"version": "2", "install": []}""")]
    [InlineData("""{"version": "1"}""")]
    public void A_report_it_cannot_read_is_a_coded_error(string json)
    {
        var error = Assert.Throws<M1EnvException>(() => PipReportReader.Read(json, []));
        Assert.Equal(ErrorCodes.PipInstallFailed, error.Code);
        Assert.StartsWith("pip's installation report cannot be read", error.Message, StringComparison.Ordinal);
    }
}
