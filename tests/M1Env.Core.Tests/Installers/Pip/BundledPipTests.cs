using M1Env.Core.Installers.Pip;
using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

/// <summary>The pip wheel an interpreter ships, found from its files.</summary>
public sealed class BundledPipTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-bundled-pip");

    public void Dispose() => temp.Dispose();

    private string Interpreter(params string[] wheels)
    {
        var bundled = temp.CreateSubdirectory(Path.Combine("lib", "python3.11", "ensurepip", "_bundled"));
        foreach (var wheel in wheels)
        {
            File.WriteAllText(Path.Combine(bundled, wheel), string.Empty);
        }

        var executable = Path.Combine(temp.CreateSubdirectory("bin"), "python3.11");
        File.WriteAllText(executable, string.Empty);
        return executable;
    }

    [Fact]
    public void The_newest_pip_wheel_of_the_standard_library_is_found() =>
        Assert.Equal(
            temp.Combine(Path.Combine("lib", "python3.11", "ensurepip", "_bundled", "pip-23.2.1-py3-none-any.whl")),
            BundledPip.Find(Interpreter("pip-22.3-py3-none-any.whl", "pip-23.2.1-py3-none-any.whl", "setuptools-65.5.0-py3-none-any.whl"), new Version(3, 11, 7)));

    [Fact]
    public void A_pip_too_old_to_install_itself_from_its_wheel_is_passed_over() =>
        Assert.Null(BundledPip.Find(Interpreter("pip-22.0.4-py3-none-any.whl"), new Version(3, 11, 7)));

    [Fact]
    public void An_interpreter_without_ensurepip_wheels_has_none() =>
        Assert.Null(BundledPip.Find(Interpreter(), new Version(3, 11, 7)));
}
