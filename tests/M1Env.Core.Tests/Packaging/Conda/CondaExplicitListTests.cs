using M1Env.Core.Packaging.Conda;
using M1Env.Core.Tests.Backends.Conda;

namespace M1Env.Core.Tests.Packaging.Conda;

public sealed class CondaExplicitListTests
{
    [Fact]
    public void Reads_the_recorded_explicit_listing()
    {
        var fixture = CondaFixture.Load(CondaFixture.Conda, "list-explicit");
        Assert.Equal((0, string.Empty), (fixture.ExitCode, fixture.StandardError));

        var packages = CondaExplicitList.Packages(fixture.StandardOutput);

        Assert.Equal("linux-64", CondaExplicitList.Platform(fixture.StandardOutput));
        Assert.Equal(["pkga-2.0-h0_0", "pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], packages.Select(p => p.DistName));
        Assert.All(packages, p => Assert.Equal(("file:///Users/dev/channel", "noarch"), (p.Channel, p.Subdir)));
        Assert.Equal("file:///Users/dev/channel/noarch/pkgc-0.1-h0_0.conda", packages[2].Url);
        Assert.Equal("89be814e890161596b9f55682e89c250", packages[2].Md5);
        Assert.Null(packages[2].Sha256);
    }

    [Fact]
    public void A_sha256_hash_and_credentials()
    {
        const string text = "@EXPLICIT\nhttps://user:secret@conda.example.com/forge/osx-arm64/zlib-1.3-h0.conda#sha256:abc\nnot a package\n";

        var package = Assert.Single(CondaExplicitList.Packages(text));

        Assert.Equal(("https://****@conda.example.com/forge", "osx-arm64", "abc", null), (package.Channel, package.Subdir, package.Sha256, package.Md5));
        Assert.DoesNotContain("secret", package.Url, StringComparison.Ordinal);
        Assert.Null(CondaExplicitList.Platform(text));
    }
}
