using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Tests.Infrastructure.FileSystem;

public sealed class LinkModeSettingTests
{
    [Theory]
    [InlineData(null, LinkMode.Auto)]
    [InlineData("", LinkMode.Auto)]
    [InlineData("  ", LinkMode.Auto)]
    [InlineData("auto", LinkMode.Auto)]
    [InlineData("clone", LinkMode.Clone)]
    [InlineData(" Clone ", LinkMode.Clone)]
    [InlineData("hardlink", LinkMode.Hardlink)]
    [InlineData("COPY", LinkMode.Copy)]
    public void Reads_each_mode_and_none_as_auto(string? value, LinkMode expected)
    {
        Assert.True(LinkModeSetting.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("symlink")]
    [InlineData("hard-link")]
    [InlineData("reflink")]
    [InlineData("clone;copy")]
    public void Rejects_anything_else_naming_the_setting_and_its_values(string value)
    {
        Assert.False(LinkModeSetting.TryParse(value, out _));
        Assert.Equal($"M1EnvLinkMode='{value}' is not one of auto, clone, hardlink, copy.", LinkModeSetting.Rejection(value));
    }
}
