using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Tests.Packaging.Conda;

public sealed class CondaChannelNameTests
{
    [Theory]
    [InlineData("conda-forge", "conda-forge")]
    [InlineData("conda-forge/osx-arm64", "conda-forge")]
    [InlineData("pkgs/main", "pkgs/main")]
    [InlineData("https://conda.anaconda.org/conda-forge", "conda-forge")]
    [InlineData("https://conda.anaconda.org/conda-forge/osx-arm64", "conda-forge")]
    [InlineData("https://conda.anaconda.org/conda-forge/noarch/", "conda-forge")]
    [InlineData("https://conda.anaconda.org/conda-forge/osx-arm64/numpy-1.26.4-py311h.conda", "conda-forge")]
    [InlineData("https://conda.anaconda.org/t/tk-1234abcd/private-chan/linux-64", "private-chan")]
    [InlineData("https://repo.anaconda.com/pkgs/main/win-64", "pkgs/main")]
    [InlineData("file:///Users/dev/channel/noarch", "file:///Users/dev/channel")]
    [InlineData("file:///Users/dev/channel", "file:///Users/dev/channel")]
    [InlineData("https://mirror.example.com/conda-forge/linux-aarch64/", "https://mirror.example.com/conda-forge")]
    [InlineData("https://alice:s3cret@artifactory.example.com/api/conda/forge/osx-arm64", "https://****@artifactory.example.com/api/conda/forge")]
    [InlineData("https://artifactory.example.com/t/tk-1234abcd/forge", "https://artifactory.example.com/t/<TOKEN>/forge")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void Normalizes_to_a_readable_credential_free_name(string? channel, string? expected) =>
        Assert.Equal(expected, CondaChannelName.Normalize(channel));

    [Theory]
    [InlineData("https://conda.anaconda.org/conda-forge/osx-arm64", "osx-arm64")]
    [InlineData("file:///Users/dev/channel/noarch/pkgc-0.1-h0_0.conda", "noarch")]
    [InlineData("https://conda.anaconda.org/conda-forge", null)]
    [InlineData("conda-forge", null)]
    public void Finds_the_subdir(string channel, string? expected) =>
        Assert.Equal(expected, CondaChannelName.SubdirOf(channel));
}
