using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

/// <summary>Installing locked artifacts with the real pip of a real venv, from a loopback index.</summary>
public sealed class PipClientLockedTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-pip-locked");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    private async Task<string> VenvAsync()
    {
        var prefix = temp.Combine("env");
        var made = await new ProcessRunner(log).RunAsync(PythonFinder.Find(), ["-m", "venv", prefix], streamToLog: false, CancellationToken.None);
        Assert.True(made.Succeeded, string.Join("\n", made.Transcript));
        return Path.Combine(prefix, OperatingSystem.IsWindows() ? Path.Combine("Scripts", "python.exe") : Path.Combine("bin", "python"));
    }

    [Fact]
    public async Task Installs_exactly_the_locked_artifact_and_refuses_one_whose_hash_differs()
    {
        var wheel = WheelBuilder.Build(temp.CreateSubdirectory("wheels"), "m1-alpha", "1.0");
        using var index = PackageIndexServer.Start(Path.GetDirectoryName(wheel.Path));
        var python = await VenvAsync();
        var pip = new PipClient(new ProcessRunner(log), python, PackageSourceSettings.Default with { IndexUrl = index.IndexUrl });
        var url = $"{index.BaseUrl}files/{wheel.FileName}";

        var tampered = await Assert.ThrowsAsync<M1EnvException>(() =>
            pip.InstallLockedAsync($"m1-alpha @ {url} --hash=sha256:{new string('0', 64)}\n", "pylock.demo.toml", CancellationToken.None));
        Assert.Equal(ErrorCodes.LockHashMismatch, tampered.Code);
        Assert.Contains("pylock.demo.toml", tampered.Message, StringComparison.Ordinal);
        var before = await new ProcessRunner(log).RunAsync(python, ["-c", "import m1_alpha"], streamToLog: false, CancellationToken.None);
        Assert.False(before.Succeeded);

        await pip.InstallLockedAsync($"m1-alpha @ {url} --hash=sha256:{wheel.Sha256}\n", "pylock.demo.toml", CancellationToken.None);
        var after = await new ProcessRunner(log).RunAsync(python, ["-c", "import m1_alpha; print(m1_alpha.__version__)"], streamToLog: false, CancellationToken.None);
        Assert.Equal("1.0", after.StandardOutput.Trim());
    }
}
