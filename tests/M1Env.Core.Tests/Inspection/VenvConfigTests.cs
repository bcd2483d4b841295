using M1Env.Core.Inspection;
using M1Env.Testing;

namespace M1Env.Core.Tests.Inspection;

public sealed class VenvConfigTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-cfg");

    public void Dispose() => temp.Dispose();

    private VenvConfig Read(string content)
    {
        File.WriteAllText(temp.Combine("pyvenv.cfg"), content);
        return VenvConfig.Read(temp.Path)!;
    }

    [Theory]
    [InlineData("command = /usr/bin/python3.11 -m venv --prompt demo /work/my envs/demo", "/work/my envs/demo")]
    [InlineData("command = /usr/bin/python3.11 -m venv /srv/env", "/srv/env")]
    [InlineData(@"command = C:\Python311\python.exe -m venv --prompt x C:\work\my env", @"C:\work\my env")]
    [InlineData("home = /usr/bin", null)]
    public void Knows_where_the_venv_was_created(string content, string? expected) =>
        Assert.Equal(expected, Read(content).CreatedAt);

    [Fact]
    public void Keys_are_read_without_case_and_unknown_ones_ignored()
    {
        var config = Read("Home = /opt/py/bin\nINCLUDE-system-site-packages = True\nversion_info = 3.12.1.final.0\nexecutable = /opt/py/bin/python3.12\nfoo = bar\n");
        Assert.Equal(("/opt/py/bin", "3.12.1.final.0", "/opt/py/bin/python3.12", true), (config.Home, config.Version, config.Executable, config.IncludeSystemSitePackages));
    }
}
