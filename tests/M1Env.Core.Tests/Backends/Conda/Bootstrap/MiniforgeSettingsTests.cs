using M1Env.Core.Backends.Conda.Bootstrap;
using M1Env.Core.Infrastructure.Downloads;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Tests.Backends.Conda.Bootstrap;

public sealed class MiniforgeSettingsTests
{
    [Fact]
    public void Downloads_from_the_github_release_of_the_pinned_version_by_default()
    {
        var settings = new MiniforgeSettings("/tools");

        Assert.Equal("26.7.2-0", settings.Version);
        Assert.Equal(new Uri("https://github.com/conda-forge/miniforge/releases/download/26.7.2-0/"), settings.ReleaseFolderUrl);
        Assert.Equal(Path.Combine(Path.GetFullPath("/tools"), "miniforge3"), settings.InstallDirectory);
        settings.Validate();
    }

    [Fact]
    public void A_mirror_replaces_the_release_folder_with_or_without_a_final_slash()
    {
        var release = new MiniforgeRelease(new MiniforgeSettings("/tools") { MirrorUrl = "https://mirror.example/miniforge" }, new MiniforgeAsset("Linux-x86_64", ".sh"));

        Assert.Equal("https://mirror.example/miniforge/Miniforge3-26.7.2-0-Linux-x86_64.sh", release.InstallerUrl.AbsoluteUri);
        Assert.Equal("https://mirror.example/miniforge/Miniforge3-26.7.2-0-Linux-x86_64.sh.sha256", release.ChecksumUrl.AbsoluteUri);
    }

    public static TheoryData<MiniforgeSettings> Invalid => new()
    {
        new MiniforgeSettings("/tools") { Version = "../../etc" },
        new MiniforgeSettings("/tools") { Version = string.Empty },
        new MiniforgeSettings("/tools") { MirrorUrl = "mirror.example/miniforge" },
        new MiniforgeSettings("/tools") { MirrorUrl = "ftp://mirror.example/" },
        new MiniforgeSettings("/tools") { Sha256 = "abc123" },
        new MiniforgeSettings("/tools") { Sha256 = new string('g', 64) },
        new MiniforgeSettings("/tools") { LockTimeout = TimeSpan.Zero },
        new MiniforgeSettings(" "),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Unusable_values_are_invalid_settings(MiniforgeSettings settings)
    {
        var error = Assert.Throws<M1EnvException>(settings.Validate);
        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
    }

    [Fact]
    public void An_invalid_mirror_url_is_quoted_without_its_credentials()
    {
        var error = Assert.Throws<M1EnvException>(new MiniforgeSettings("/tools") { MirrorUrl = "ftp://alice:s3cret@mirror.example/" }.Validate);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_text_hides_mirror_credentials()
    {
        var text = new MiniforgeSettings("/tools") { MirrorUrl = "https://alice:s3cret@mirror.example/" }.ToString();

        Assert.Contains("MirrorUrl = https://****@mirror.example/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("376B160ED8130820DB0AB0F3826AC1FC85923647F75C1B8231166E3D559AB768  Miniforge3-25.3.1-0-Linux-x86_64.sh\n", "376b160ed8130820db0ab0f3826ac1fc85923647f75c1b8231166e3d559ab768")]
    [InlineData("\n 376b160ed8130820db0ab0f3826ac1fc85923647f75c1b8231166e3d559ab768\r\n", "376b160ed8130820db0ab0f3826ac1fc85923647f75c1b8231166e3d559ab768")]
    [InlineData("<html>Not Found</html>", null)]
    [InlineData("", null)]
    public void A_checksum_file_gives_its_first_token_when_that_is_a_digest(string content, string? expected) =>
        Assert.Equal(expected, Sha256Hex.ParseChecksumFile(content));
}
