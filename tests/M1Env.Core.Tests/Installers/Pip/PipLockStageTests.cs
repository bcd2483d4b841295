using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Installers;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Locking;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

/// <summary>The lock stage with the real pip of the test machine's CPython and a loopback index.</summary>
public sealed class PipLockStageTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-lock-stage");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    private async Task<PythonInterpreter> PythonAsync()
    {
        var probe = await new InterpreterProbe(new ProcessRunner(log)).ProbeAsync(PythonFinder.Find(), CancellationToken.None);
        return probe.Interpreter!;
    }

    /// <summary>A venv spec whose packages come from the test index and whose lock is the named file in the temp folder.</summary>
    private EnvSpec VenvSpec(string lockName, PackageIndexServer index, params PipRequirement[] packages) =>
        new("demo", EnvKind.Venv, new PythonRequest(3, null, null), temp.Combine("env"), packages, PackageSourceSettings.Default with { IndexUrl = index.IndexUrl })
        {
            LockFile = temp.Combine(lockName),
            PipLockFile = temp.Combine(lockName),
        };

    /// <summary>The stage offered no env, which never defers its lock.</summary>
    private async Task<LockedPackages> PrepareAsync(EnvSpec spec, PythonInterpreter python, TargetEnvironment? target)
    {
        var locked = await new PipLockStage(new ProcessRunner(log), log).PrepareAsync(spec, python, target, CancellationToken.None);
        Assert.NotNull(locked);
        return locked;
    }

    [Fact]
    public async Task Writes_the_lock_once_installs_it_as_it_is_after_and_locked_mode_names_a_change()
    {
        var wheels = temp.CreateSubdirectory("wheels");
        WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        WheelBuilder.Build(wheels, "m1-alpha", "2.0");
        WheelBuilder.Build(wheels, "m1-beta", "1.0", ["m1-alpha>=1.0"]);
        using var index = PackageIndexServer.Start(wheels);
        var python = await PythonAsync();
        EnvSpec Spec(string alpha, LockMode mode = LockMode.Normal) =>
            VenvSpec("pylock.demo.toml", index, new PipRequirement("m1-alpha", [], alpha), new PipRequirement("m1-beta", [], "")) with
            {
                Lock = LockSettings.Default with { Mode = mode },
            };

        var first = await PrepareAsync(Spec("==1.0"), python, null);
        var written = File.ReadAllBytes(temp.Combine("pylock.demo.toml"));

        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0"], first.Selected.Select(s => $"{s.Name} {s.Version}").Order());
        Assert.Equal("linux", first.Target.Markers.SysPlatform);
        Assert.Contains(log.Lines, l => l.Contains("changed: + m1-alpha 1.0, + m1-beta 1.0", StringComparison.Ordinal));

        index.ClearRequests();
        var second = await PrepareAsync(Spec("==1.0"), python, null);
        Assert.Equal(0, index.RequestCount);
        Assert.Equal(written, File.ReadAllBytes(temp.Combine("pylock.demo.toml")));
        Assert.Equal(first.LockHash, second.LockHash);

        var locked = await Assert.ThrowsAsync<M1EnvException>(() => new PipLockStage(new ProcessRunner(log), log).PrepareAsync(Spec("==2.0", LockMode.Locked), python, null, CancellationToken.None));
        Assert.Equal(ErrorCodes.LockedModeMismatch, locked.Code);
        Assert.Contains("m1-alpha is locked for m1-alpha==1.0, and the declaration says m1-alpha==2.0", locked.Message, StringComparison.Ordinal);

        var changed = await PrepareAsync(Spec("==2.0"), python, first.Target);
        Assert.Contains("m1-alpha 2.0", changed.Selected.Select(s => $"{s.Name} {s.Version}"));
        Assert.Contains(log.Lines, l => l.Contains("~ m1-alpha 1.0 -> 2.0", StringComparison.Ordinal));

        index.ClearRequests();
        var emptied = await PrepareAsync(Spec("==2.0") with { PipPackages = [] }, python, first.Target);
        Assert.Empty(emptied.Selected);
        Assert.Equal(0, index.RequestCount);
        Assert.Contains(log.Lines, l => l.Contains("changed: - m1-alpha 2.0, - m1-beta 1.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_that_needs_another_version_of_a_locked_package_moves_it_instead_of_failing()
    {
        var wheels = temp.CreateSubdirectory("conflict-wheels");
        WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        WheelBuilder.Build(wheels, "m1-alpha", "2.0");
        WheelBuilder.Build(wheels, "m1-delta", "1.0", ["m1-alpha<2.0"]);
        using var index = PackageIndexServer.Start(wheels);
        var python = await PythonAsync();
        EnvSpec Spec(params string[] names) =>
            VenvSpec("pylock.conflict.toml", index, names.Select(n => new PipRequirement(n, [], "")).ToArray());
        var first = await PrepareAsync(Spec("m1-alpha"), python, null);
        Assert.Equal(["m1-alpha 2.0"], first.Selected.Select(s => $"{s.Name} {s.Version}"));

        var added = await PrepareAsync(Spec("m1-alpha", "m1-delta"), python, first.Target);

        Assert.Equal(["m1-alpha 1.0", "m1-delta 1.0"], added.Selected.Select(s => $"{s.Name} {s.Version}").Order());
        Assert.Contains(log.Lines, l => l.Contains("do not fit the change for linux-x64: resolving again with every package free", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("changed: + m1-delta 1.0, ~ m1-alpha 2.0 -> 1.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_package_for_another_platform_is_locked_for_it_alone_and_the_same_declaration_is_current_there()
    {
        if (LockPlatform.Current != LockPlatform.LinuxX64)
        {
            return;
        }

        var wheels = temp.CreateSubdirectory("wheels");
        WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        WheelBuilder.BuildTagged(wheels, "m1-metal", "1.1.0", "cp311-cp311-macosx_11_0_arm64");
        using var index = PackageIndexServer.Start(wheels);
        var python = await PythonAsync();
        var alpha = new PipRequirement("m1-alpha", [], string.Empty);
        var metal = new PipRequirement("m1-metal", [], "==1.1.0") { AppliesOn = new PackagePlatforms([LockPlatform.OsxArm64], null) };
        var here = VenvSpec("pylock.demo.toml", index, alpha) with
        {
            DeclaredPipPackages = [alpha, metal],
            Lock = LockSettings.Default with { Platforms = ["osx-arm64"] },
            Python = new PythonRequest(3, 11, null),
        };

        var locked = await PrepareAsync(here, python, null);

        Assert.Equal(["m1-alpha 1.0"], locked.Selected.Select(s => $"{s.Name} {s.Version}"));
        var lockFile = PyLockReader.Read(temp.Combine("pylock.demo.toml"));
        Assert.Equal(LockPlatform.OsxArm64.Marker, Assert.Single(lockFile.Packages, p => p.Name == "m1-metal").Marker);
        Assert.Null(Assert.Single(lockFile.Packages, p => p.Name == "m1-alpha").Marker);

        // On the Mac the same declaration installs both: its spec is current against this lock, in locked mode too.
        var onTheMac = here with { PipPackages = [alpha, metal], Lock = here.Lock with { Mode = LockMode.Locked } };
        var assessment = PipLockStage.Assess(onTheMac);
        Assert.True(assessment.Difference.IsEmpty);
        Assert.Equal(LockAction.Install, assessment.Decide(onTheMac.Lock));
    }
}
