using M1Env.Core.Backends;
using M1Env.Core.Inspection;
using M1Env.Testing;

namespace M1Env.Core.Tests.Backends;

public sealed class PrefixFactsTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-facts");

    private string Prefix => temp.Combine("env");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_missing_prefix_is_empty_and_not_a_venv()
    {
        var facts = PrefixFacts.Inspect(Prefix, VenvLayout.LooksLikeVenv);
        Assert.False(facts.Exists);
        Assert.True(facts.IsEmpty);
        Assert.False(facts.IsEnv);
    }

    [Fact]
    public void A_folder_with_pyvenv_cfg_and_an_interpreter_is_a_venv()
    {
        var python = OperatingSystem.IsWindows() ? Path.Combine(Prefix, "Scripts", "python.exe") : Path.Combine(Prefix, "bin", "python");
        Directory.CreateDirectory(Path.GetDirectoryName(python)!);
        File.WriteAllText(python, string.Empty);
        File.WriteAllText(Path.Combine(Prefix, "pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n");

        var facts = PrefixFacts.Inspect(Prefix, VenvLayout.LooksLikeVenv);
        Assert.True(facts.IsEnv);
        Assert.False(facts.HasM1EnvState);
        Assert.False(facts.IsEmpty);
    }
}
