using M1Env.Core.Packaging.Versions;

namespace M1Env.Core.Tests.Packaging.Versions;

/// <summary>Expected values are what Python's packaging library answers (prereleases=True).</summary>
public class Pep440SpecifierSetTests
{
    [Theory]
    [InlineData("==2.16.1", "2.16.1", true)]
    [InlineData("==2.16.1", "2.16.1.0", true)]
    [InlineData("==2.16.1", "2.16.2", false)]
    [InlineData("==2.16", "2.16.0", true)]
    [InlineData("==1.0", "1.0+local.7", true)]
    [InlineData("==1.0+local.7", "1.0+local.7", true)]
    [InlineData("==1.0+local.7", "1.0", false)]
    [InlineData("==2.*", "2.0", true)]
    [InlineData("==2.*", "2.99.1", true)]
    [InlineData("==2.*", "3.0", false)]
    [InlineData("==2.1.*", "2.1rc1", true)]
    [InlineData("==2.1.*", "2.10", false)]
    [InlineData("!=1.5", "1.5", false)]
    [InlineData("!=1.5", "1.5.1", true)]
    [InlineData("!=1.5.*", "1.5.9", false)]
    [InlineData("!=1.5.*", "1.6", true)]
    [InlineData(">=2.16,<2.17", "2.16.1", true)]
    [InlineData(">=2.16,<2.17", "2.17", false)]
    [InlineData(">=2.16,<2.17", "2.17.0rc1", false)]
    [InlineData(">=2.16,<2.17", "2.15.9", false)]
    [InlineData("~=2.16", "2.16", true)]
    [InlineData("~=2.16", "2.99", true)]
    [InlineData("~=2.16", "3.0", false)]
    [InlineData("~=2.16.1", "2.16.5", true)]
    [InlineData("~=2.16.1", "2.17.0", false)]
    [InlineData("~=2.16.1", "2.16.0", false)]
    [InlineData("~=1.4.5a4", "1.4.5", true)]
    [InlineData("~=1.4.5a4", "1.4.5a3", false)]
    [InlineData("~=1.0.post1", "1.0.post2", true)]
    [InlineData("~=1.0.post1", "1.0", false)]
    [InlineData("<2.0", "2.0rc1", false)]
    [InlineData("<2.0", "1.9", true)]
    [InlineData("<2.0rc2", "2.0rc1", true)]
    [InlineData("<2.0", "2.0.dev1", false)]
    [InlineData("<=2.0", "2.0", true)]
    [InlineData("<=2.0", "2.0+local", true)]
    [InlineData("<=2.0", "2.0.post1", false)]
    [InlineData(">1.7", "1.7.post2", false)]
    [InlineData(">1.7.post2", "1.7.post3", true)]
    [InlineData(">1.7", "1.7+local", false)]
    [InlineData(">1.7", "1.7.1", true)]
    [InlineData(">=1.7", "1.7+local", true)]
    [InlineData("===1.0", "1.0", true)]
    [InlineData("===1.0", "1.0.0", false)]
    [InlineData("==1!2.0", "2.0", false)]
    [InlineData("==1!2.0", "1!2.0", true)]
    [InlineData(">=1.0", "1!0.5", true)]
    [InlineData("", "1.0", true)]
    [InlineData("", "2.0b1", true)]
    [InlineData(">=1.0.dev0", "1.0a1", true)]
    [InlineData("<1.0.dev1", "1.0.dev0", true)]
    [InlineData("==1.0.post0", "1.0.post", true)]
    [InlineData("==1.0.0.0.0", "1", true)]
    [InlineData("<3", "3.0.0.dev0", false)]
    [InlineData(">2.0a1", "2.0a2", true)]
    [InlineData("==1.0.*", "1.0.0.5", true)]
    [InlineData("~=2.2.0", "2.2.9", true)]
    [InlineData("~=2.2.0", "2.3", false)]
    [InlineData(">=2,!=2.1.*,<3", "2.1.5", false)]
    [InlineData(">=2,!=2.1.*,<3", "2.2", true)]
    public void Decides_containment_as_packaging_does(string specifier, string version, bool expected)
    {
        Assert.True(Pep440SpecifierSet.TryParse(specifier, out var set, out var error), error);
        Assert.Equal(expected, set!.Contains(version));
    }

    [Theory]
    [InlineData("~=1")]
    [InlineData(">=1.*")]
    [InlineData("==1.*.1")]
    [InlineData("<=")]
    [InlineData("==1.0+local.*")]
    [InlineData(">=1.0+local")]
    [InlineData("~=1.0.*")]
    [InlineData("=>1.0")]
    [InlineData("==banana")]
    public void Refuses_what_PEP_440_does_not_allow(string specifier)
    {
        Assert.False(Pep440SpecifierSet.TryParse(specifier, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("== 1.0")]
    [InlineData("==1.0,")]
    [InlineData("==1.0 ,>=0.9")]
    public void Accepts_spaces_and_a_trailing_comma(string specifier) =>
        Assert.True(Pep440SpecifierSet.TryParse(specifier, out _, out _));

    [Fact]
    public void Without_permission_a_pre_release_is_contained_only_when_a_clause_names_one()
    {
        Assert.True(Pep440SpecifierSet.TryParse(">=1.0", out var plain, out _));
        Assert.False(plain!.Contains("2.0b1", allowPrereleases: false));
        Assert.True(plain.Contains("2.0b1"));

        Assert.True(Pep440SpecifierSet.TryParse(">=2.0b1", out var named, out _));
        Assert.True(named!.Contains("2.0b2", allowPrereleases: false));
    }
}
