using M1Env.Core.Planning;

namespace M1Env.Core.Tests.Planning;

public sealed class PrefixFactsTests : IDisposable
{
    private readonly string prefix = Path.Combine(Path.GetTempPath(), "m1env-facts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(prefix))
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    [Fact]
    public void A_missing_prefix_is_empty_and_not_a_venv()
    {
        var facts = PrefixFacts.Inspect(prefix);
        Assert.False(facts.Exists);
        Assert.True(facts.IsEmpty);
        Assert.False(facts.IsVenv);
    }

    [Fact]
    public void Reads_home_and_version_from_pyvenv_cfg()
    {
        var python = OperatingSystem.IsWindows() ? Path.Combine(prefix, "Scripts", "python.exe") : Path.Combine(prefix, "bin", "python");
        Directory.CreateDirectory(Path.GetDirectoryName(python)!);
        File.WriteAllText(python, string.Empty);
        File.WriteAllText(Path.Combine(prefix, "pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n");

        var facts = PrefixFacts.Inspect(prefix);
        Assert.True(facts.IsVenv);
        Assert.False(facts.HasM1EnvState);
        Assert.Equal("/usr/bin", facts.VenvHome);
        Assert.Equal("3.11.2", facts.VenvVersion);
    }
}
