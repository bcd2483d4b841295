using M1Env.Core.Backends.Venv;
using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Python;

/// <summary>The probe against real venvs of both interpreters this machine has (both built with a shared libpython), and a venv's answer without it.</summary>
public sealed class HandOffProbeTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-handoff");

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("/usr/bin/python3.11")]
    [InlineData("python3")]
    public async Task Finds_the_shared_library_the_stdlib_and_the_envs_own_site_packages(string baseInterpreter)
    {
        if (await VenvOfAsync(baseInterpreter, folder: "venv") is not { Prefix: var prefix })
        {
            return;
        }

        var handOff = await new HandOffProbe(new ProcessRunner(NullProvisionLog.Instance)).ReadAsync(Path.Combine(prefix, "bin", "python"), CancellationToken.None);

        Assert.StartsWith("3.11.", handOff.PythonVersion, StringComparison.Ordinal);
        Assert.True(File.Exists(handOff.PythonLibrary), handOff.PythonLibrary);
        Assert.Matches(@"libpython3\.11\.so", Path.GetFileName(handOff.PythonLibrary));
        Assert.True(File.Exists(Path.Combine(handOff.Stdlib, "os.py")), handOff.Stdlib);
        Assert.StartsWith(prefix, handOff.SitePackages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/usr/bin/python3.11")]
    [InlineData("python3")]
    public async Task A_venvs_answer_comes_from_its_base_interpreters_probe_and_is_what_the_venv_says(string baseInterpreter)
    {
        if (await VenvOfAsync(baseInterpreter, folder: "with space") is not { Python: var python, Prefix: var prefix })
        {
            return;
        }

        var runner = new ProcessRunner(NullProvisionLog.Instance);
        var probes = new ProbeMemo();
        var probe = await new InterpreterProbe(runner, probes).ProbeAsync(python, CancellationToken.None);
        var backend = new VenvBackend(runner, NullProvisionLog.Instance, PythonCandidateSources.ForCurrentProcess(), new PipSeeds(new KeptInstalls(temp.Combine("tools"), NullProvisionLog.Instance)), probes, new KeptVenvs(temp.Combine("venvs"), NullProvisionLog.Instance), new InstallsUnderWay());

        var fromBase = await backend.HandOffAsync(new EnvSpec("demo", EnvKind.Venv, new PythonRequest(3, 11, null), prefix, [], PackageSourceSettings.Default), probe.Interpreter!, CancellationToken.None);

        Assert.NotNull(probe.HandOff);
        Assert.Equal(await new HandOffProbe(runner).ReadAsync(Path.Combine(prefix, "bin", "python"), CancellationToken.None), fromBase);
    }

    [Fact]
    public async Task A_broken_interpreter_is_an_error_that_shows_its_output()
    {
        var error = await Assert.ThrowsAsync<M1EnvException>(() =>
            new HandOffProbe(new ProcessRunner(NullProvisionLog.Instance)).ReadAsync(temp.Combine("no-python"), CancellationToken.None));
        Assert.NotEmpty(error.ToolOutput);
    }

    /// <summary>A venv without pip of the base interpreter (a path, or the one on PATH), or null where this machine's image lacks it.</summary>
    private async Task<(string Python, string Prefix)?> VenvOfAsync(string baseInterpreter, string folder)
    {
        var python = baseInterpreter.Contains('/', StringComparison.Ordinal) ? baseInterpreter : PythonFinder.Find();
        if (!File.Exists(python))
        {
            Assert.True(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS(), $"{python} is part of this machine's image.");
            return null;
        }

        var prefix = temp.Combine(folder, Path.GetFileName(python));
        var venv = await ExternalCommand.RunAsync(python, ["-m", "venv", "--without-pip", prefix]);
        Assert.True(venv.Succeeded, venv.ToString());
        return (python, prefix);
    }
}
