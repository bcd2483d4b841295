using M1Env.Core.Packaging.Versions;

namespace M1Env.Core.Tests.Packaging.Versions;

/// <summary>Expected values are what Python's packaging library answers.</summary>
public class Pep440VersionTests
{
    [Theory]
    [InlineData("1.0.0-RC1", "1.0.0rc1")]
    [InlineData("v1.0", "1.0")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0.post", "1.0.post0")]
    [InlineData("1.0-dev3", "1.0.dev3")]
    [InlineData("1.0alpha2", "1.0a2")]
    [InlineData("1.0c1", "1.0rc1")]
    [InlineData("1.0.a.1", "1.0a1")]
    [InlineData("1.0PRE2", "1.0rc2")]
    [InlineData("1!2.0.0-preview.3+Ubuntu-1", "1!2.0.0rc3+ubuntu.1")]
    [InlineData("  2.16.1  ", "2.16.1")]
    [InlineData("1.0-r4", "1.0.post4")]
    [InlineData("1.0rev", "1.0.post0")]
    public void Normalises_every_spelling_PEP_440_allows(string text, string normalized)
    {
        Assert.True(Pep440Version.TryParse(text, out var version));
        Assert.Equal(normalized, version.Normalized);
    }

    [Fact]
    public void Orders_dev_pre_final_post_and_local_versions()
    {
        string[] sorted =
        [
            "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456",
            "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34",
            "1.0.post456", "1.0.15", "1.1.dev1", "1!0.1",
        ];
        var versions = sorted.Select(Pep440Version.Parse).ToArray();
        for (var i = 0; i < versions.Length; i++)
        {
            for (var j = 0; j < versions.Length; j++)
            {
                Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(versions[i].CompareTo(versions[j])));
            }
        }
    }

    [Fact]
    public void Trailing_zeros_do_not_change_a_version()
    {
        Assert.Equal(Pep440Version.Parse("1.0"), Pep440Version.Parse("1.0.0.0"));
        Assert.Equal(Pep440Version.Parse("1.0").GetHashCode(), Pep440Version.Parse("1.0.0").GetHashCode());
        Assert.True(Pep440Version.Parse("1.0.1") > Pep440Version.Parse("1.0"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.0.")]
    [InlineData("1..0")]
    [InlineData("french toast")]
    [InlineData("1.0+")]
    [InlineData("99999999999999999999999")]
    public void Refuses_what_is_not_a_version(string text) =>
        Assert.False(Pep440Version.TryParse(text, out _));
}
