using M1Env.Core.Backends.Conda.Bootstrap;
using M1Env.Core.Infrastructure.Downloads;

namespace M1Env.Core.Tests.Backends.Conda.Bootstrap;

/// <summary>Which installers of the default release M1Env pins (docs/miniforge-hashes.md says where each hash was read).</summary>
public sealed class MiniforgePinnedSha256Tests
{
    [Theory]
    [InlineData("MacOSX-arm64", ".sh", true)]
    [InlineData("MacOSX-x86_64", ".sh", true)]
    [InlineData("Linux-x86_64", ".sh", true)]
    [InlineData("Linux-aarch64", ".sh", true)]
    [InlineData("Windows-x86_64", ".exe", true)]
    [InlineData("Linux-ppc64le", ".sh", false)]
    public void The_default_releases_installers_are_pinned_where_a_hash_was_found(string platform, string extension, bool pinned)
    {
        var sha256 = MiniforgePinnedSha256.Of(new MiniforgeAsset(platform, extension).FileName(MiniforgeSettings.DefaultVersion));

        Assert.Equal(pinned, sha256 is not null);
        Assert.True(sha256 is null || (Sha256Hex.IsValid(sha256) && sha256 == sha256.ToLowerInvariant()));
    }

    [Fact]
    public void Another_release_is_not_pinned() =>
        Assert.Null(MiniforgePinnedSha256.Of(new MiniforgeAsset("Linux-x86_64", ".sh").FileName("25.3.1-0")));
}
