using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public sealed class NearMissTests
{
    [Theory]
    [InlineData("Verison", "Version")]
    [InlineData("Chanels", "Channels")]
    [InlineData("Channel", "Channels")]
    [InlineData("Platform", "Platforms")]
    [InlineData("prefx", "Prefix")]
    public void Finds_the_name_a_typo_meant(string typed, string meant) =>
        Assert.Equal(meant, NearMiss.Find(typed, ["Python", "Channels", "Prefix", "Named", "Version", "Platforms"]));

    [Theory]
    [InlineData("Colour")]
    [InlineData("Env")]
    [InlineData("X")]
    public void Suggests_nothing_for_a_name_near_none(string typed) =>
        Assert.Null(NearMiss.Find(typed, ["Python", "Channels", "Prefix", "Named"]));
}
