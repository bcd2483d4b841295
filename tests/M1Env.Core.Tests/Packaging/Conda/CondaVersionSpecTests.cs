using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Tests.Packaging.Conda;

public class CondaVersionSpecTests
{
    [Theory]
    [InlineData("", "1.26.4", true)]
    [InlineData("==1.26.4", "1.26.4", true)]
    [InlineData("==1.26.4", "1.26.40", false)]
    [InlineData("==1.26", "1.26.0", true)]
    [InlineData("=1.26", "1.26.4", true)]
    [InlineData("=1.26", "1.27.0", false)]
    [InlineData("1.26.*", "1.26.4", true)]
    [InlineData("1.26.*", "1.2.6", false)]
    [InlineData(">=1.26,<2", "1.26.0", true)]
    [InlineData(">=1.26,<2", "2.0.0", false)]
    [InlineData(">=1.26,<2", "1.9", false)]
    [InlineData("<1.20|>=1.26", "1.19.5", true)]
    [InlineData("<1.20|>=1.26", "1.22", false)]
    [InlineData("!=1.26.3", "1.26.4", true)]
    [InlineData(">2.0", "2.0.post1", true)]
    [InlineData("<2.0", "2.0rc1", true)]
    [InlineData(">=2.0", "2.0dev1", false)]
    [InlineData(">=1.10", "1.9", false)]
    [InlineData("~=1.4", "1.9", true)]
    [InlineData("~=1.4.2", "1.5.0", false)]
    public void Judges_versions_as_conda_orders_them(string spec, string version, bool expected) =>
        Assert.Equal(expected, CondaVersionSpec.IsSatisfiedBy(spec, version, "h0_0"));

    [Fact]
    public void A_build_pattern_must_match_too()
    {
        Assert.True(CondaVersionSpec.IsSatisfiedBy("1.26.4 py311*", "1.26.4", "py311h64a7726_0"));
        Assert.False(CondaVersionSpec.IsSatisfiedBy("1.26.4 py311*", "1.26.4", "py312h8753938_0"));
    }

    [Theory]
    [InlineData("1.1dev1", "1.1a1")]
    [InlineData("1.1a1", "1.1rc1")]
    [InlineData("1.1rc1", "1.1")]
    [InlineData("1.1", "1.1post1")]
    [InlineData("1.9", "1.10")]
    [InlineData("2.0", "1!0.1")]
    public void Orders_versions_like_conda(string lower, string higher)
    {
        Assert.True(CondaVersionOrder.Compare(lower, higher) < 0);
        Assert.True(CondaVersionOrder.Compare(higher, lower) > 0);
    }

    [Fact]
    public void Trailing_zeros_and_local_parts_do_not_count() =>
        Assert.Equal(0, CondaVersionOrder.Compare("1.26.0+cuda", "1.26"));
}
