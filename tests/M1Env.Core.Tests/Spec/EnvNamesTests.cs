using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public class EnvNamesTests
{
    [Theory]
    [InlineData("ml-m1")]
    [InlineData("env_1.2")]
    [InlineData("console")]
    [InlineData("com10")]
    [InlineData("lpt0x")]
    [InlineData("my.nul")]
    public void Accepts_portable_names(string name) =>
        Assert.Null(EnvNames.Problem(name));

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("-env")]
    [InlineData("")]
    [InlineData("a b")]
    public void Rejects_names_that_are_not_letters_digits_and_separators(string name) =>
        Assert.Contains("use letters, digits", EnvNames.Problem(name), StringComparison.Ordinal);

    [Theory]
    [InlineData("CON")]
    [InlineData("prn")]
    [InlineData("Aux")]
    [InlineData("nul")]
    [InlineData("nul.txt")]
    [InlineData("NUL.tar.gz")]
    [InlineData("com1")]
    [InlineData("COM9")]
    [InlineData("lpt1")]
    [InlineData("LPT9.env")]
    public void Rejects_windows_device_names_on_every_os(string name) =>
        Assert.Contains("device name on Windows", EnvNames.Problem(name), StringComparison.Ordinal);

    [Theory]
    [InlineData("env.")]
    [InlineData("a..")]
    public void Rejects_names_ending_in_a_dot(string name) =>
        Assert.Contains("cannot end in '.'", EnvNames.Problem(name), StringComparison.Ordinal);
}
