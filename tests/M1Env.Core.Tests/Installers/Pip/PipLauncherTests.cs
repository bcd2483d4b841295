using M1Env.Core.Installers.Pip;
using M1Env.Core.Python;

namespace M1Env.Core.Tests.Installers.Pip;

public class PipLauncherTests
{
    [Fact]
    public void A_wheel_replaces_dash_m_pip_with_its_pip_script()
    {
        var launcher = new PipLauncher("/py/lib/python3.11/ensurepip/_bundled/pip-23.2.1-py3-none-any.whl");

        Assert.Equal(
            [Path.Combine("/py/lib/python3.11/ensurepip/_bundled/pip-23.2.1-py3-none-any.whl", "pip"), "install", "six"],
            launcher.Launch(["-m", "pip", "install", "six"]));
        Assert.Equal("/py/lib/python3.11/ensurepip/_bundled/pip-23.2.1-py3-none-any.whl", launcher.ScriptEnvironment()[ForeignMarkerScript.WheelVariableName]);
    }

    [Fact]
    public void The_env_s_own_pip_runs_as_dash_m_pip()
    {
        Assert.Equal(["-m", "pip", "install", "six"], PipLauncher.EnvsOwn.Launch(["-m", "pip", "install", "six"]));
        Assert.Empty(PipLauncher.EnvsOwn.ScriptEnvironment());
        Assert.Equal(PipLauncher.EnvsOwn, PipLauncher.For(null));
    }

    [Fact]
    public void An_interpreter_without_a_bundled_wheel_leaves_pip_to_the_env()
    {
        using var home = new M1Env.Testing.TempDirectory("m1env-launcher");
        var python = Path.Combine(home.Path, "bin", "python3.11");
        Directory.CreateDirectory(Path.GetDirectoryName(python)!);
        File.WriteAllText(python, string.Empty);

        Assert.Null(PipLauncher.For(new PythonInterpreter(python, "3.11.7", "x86_64", "cpython")).Wheel);

        var bundled = Path.Combine(home.Path, "lib", "python3.11", "ensurepip", "_bundled");
        Directory.CreateDirectory(bundled);
        File.WriteAllText(Path.Combine(bundled, "pip-23.2.1-py3-none-any.whl"), string.Empty);
        Assert.Equal(Path.Combine(bundled, "pip-23.2.1-py3-none-any.whl"), PipLauncher.For(new PythonInterpreter(python, "3.11.7", "x86_64", "cpython")).Wheel);
    }
}
