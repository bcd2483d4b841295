using M1Env.Core.Installers.Pip;
using M1Env.Core.Packaging;
using M1Env.Core.Python;

namespace M1Env.Core.Tests.Installers.Pip;

public class PipResolveTargetTests
{
    [Fact]
    public void The_platform_of_this_machine_and_its_python_resolves_as_this_python()
    {
        var current = LockPlatform.Current;
        Assert.NotNull(current);
        var python = new PythonInterpreter("/usr/bin/python3.11", "3.11.2", current.PlatformMachine, "cpython");

        Assert.Same(PipResolveTarget.ThisPython, PipResolveTarget.For(current, python));
    }

    [Fact]
    public void Another_platform_or_an_interpreter_of_another_architecture_is_foreign()
    {
        var current = LockPlatform.Current!;
        var other = LockPlatform.All.First(p => p != current);
        var python = new PythonInterpreter("/usr/bin/python3.11", "3.11.2", current.PlatformMachine, "cpython");
        var emulated = python with { Machine = current.Architecture == System.Runtime.InteropServices.Architecture.X64 ? "arm64" : "x86_64" };

        var target = PipResolveTarget.For(other, python);
        Assert.Equal((other, "3.11"), (target.Platform, target.PythonVersion));
        Assert.True(PipResolveTarget.For(current, emulated).IsForeign);
    }
}
