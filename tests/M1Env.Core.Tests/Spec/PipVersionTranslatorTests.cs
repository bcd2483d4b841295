using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public class PipVersionTranslatorTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("*", "")]
    [InlineData("2.16.1", "==2.16.1")]
    [InlineData("1.1.0", "==1.1.0")]
    [InlineData("2.0rc1", "==2.0rc1")]
    [InlineData("1.0.post1", "==1.0.post1")]
    [InlineData(">=2.16,<2.17", ">=2.16,<2.17")]
    [InlineData(">= 2.16 , < 2.17", ">=2.16,<2.17")]
    [InlineData("~=2.16", "~=2.16")]
    [InlineData("==2.*", "==2.*")]
    [InlineData("!=1.5", "!=1.5")]
    [InlineData("[2.16,2.17)", ">=2.16,<2.17")]
    [InlineData("(1.0,2.0]", ">1.0,<=2.0")]
    [InlineData("[1.0]", "==1.0")]
    [InlineData("[1.5,)", ">=1.5")]
    [InlineData("(,3.0)", "<3.0")]
    public void Translates_to_a_pep440_specifier(string? version, string expected)
    {
        Assert.True(PipVersionTranslator.TryTranslate(version, out var specifier, out var error), error);
        Assert.Equal(expected, specifier);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("2.16;rm -rf /")]
    [InlineData(">=2.16,banana")]
    [InlineData("=>2.0")]
    [InlineData(">=2.*")]
    [InlineData("[2.0,1.0)")]
    [InlineData("[1.0.0-beta,2.0)")]
    [InlineData("[abc]")]
    public void Rejects_what_is_not_a_version(string version)
    {
        Assert.False(PipVersionTranslator.TryTranslate(version, out _, out var error));
        Assert.Contains(version.Trim(), error, StringComparison.Ordinal);
    }
}
