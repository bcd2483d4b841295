using M1Env.Core.Backends.Conda;

namespace M1Env.Core.Tests.Backends.Conda;

public sealed class CondaVersionTests
{
    [Theory]
    [InlineData(CondaFixture.Conda, CondaFlavor.Conda, "23.7.4")]
    [InlineData(CondaFixture.Micromamba, CondaFlavor.Micromamba, "1.5.12")]
    public void Reads_the_recorded_versions(string tool, CondaFlavor flavor, string version)
    {
        var fixture = CondaFixture.Load(tool, "version");
        Assert.Equal((0, string.Empty), (fixture.ExitCode, fixture.StandardError));

        Assert.Equal(new CondaVersion(flavor, version), CondaVersion.Parse(fixture.StandardOutput));
    }

    [Theory]
    [InlineData("micromamba 2.0.5\n", null, CondaFlavor.Micromamba, "2.0.5")]
    [InlineData("mamba 1.5.8\nconda 23.7.4\n", null, CondaFlavor.Mamba, "1.5.8")]
    [InlineData("2.0.5\n", "/opt/miniforge3/bin/mamba", CondaFlavor.Mamba, "2.0.5")]
    [InlineData("2.0.5\r\n", @"C:\miniforge3\Library\bin\mamba.exe", CondaFlavor.Mamba, "2.0.5")]
    [InlineData("2.0.5\n", "/usr/local/bin/micromamba", CondaFlavor.Micromamba, "2.0.5")]
    [InlineData("WARNING: could not read .condarc\nconda 24.11.3\n", "conda", CondaFlavor.Conda, "24.11.3")]
    [InlineData("micromamba 2.1.0rc1", null, CondaFlavor.Micromamba, "2.1.0rc1")]
    public void Reads_each_tool_s_form(string output, string? executable, CondaFlavor flavor, string version) =>
        Assert.Equal(new CondaVersion(flavor, version), CondaVersion.Parse(output, executable));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("conda: command not found")]
    [InlineData("Traceback (most recent call last):")]
    public void No_version_is_null(string? output) =>
        Assert.Null(CondaVersion.Parse(output));

    [Fact]
    public void The_numeric_version_compares()
    {
        Assert.Equal(new Version(2, 1, 0), CondaVersion.Parse("micromamba 2.1.0rc1")!.Numeric);
        Assert.True(CondaVersion.Parse("1.5.12")!.Numeric < CondaVersion.Parse("2.0.5")!.Numeric);
        Assert.Equal("conda 23.7.4", CondaVersion.Parse("conda 23.7.4")!.ToString());
    }
}
