using M1Env.Core.Backends;
using M1Env.Core.Engine;
using M1Env.Core.Inspection;
using M1Env.Core.Locking;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Engine;

/// <summary>
/// What <c>M1EnvPlan</c> prints (<see cref="EnvProvisioner.PlanAsync"/>) is what the next build then
/// does, end to end with real venv, real pip and a loopback index: the same action, the same
/// packages installed, removed and repaired on disk, and pip's install resolving the lock when, and
/// only when, the plan says so.
/// </summary>
public sealed class PlanIsWhatTheBuildDoesTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-plan-build");
    private readonly PackageIndexServer index;

    public PlanIsWhatTheBuildDoesTests()
    {
        var wheels = temp.CreateSubdirectory("wheels");
        WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        WheelBuilder.Build(wheels, "m1-alpha", "2.0");
        WheelBuilder.Build(wheels, "m1-beta", "1.0", ["m1-alpha>=1.0"]);
        WheelBuilder.Build(wheels, "m1-gamma", "1.0");
        index = PackageIndexServer.Start(wheels);
        File.WriteAllText(temp.Combine("a.proj"), "<Project />");
    }

    public void Dispose()
    {
        index.Dispose();
        temp.Dispose();
    }

    private string LockFile => temp.Combine("pylock.demo.toml");

    private EnvSpec Spec(params string[] packages) =>
        new("demo", EnvKind.Venv, new PythonRequest(3, 11, null), temp.Combine("env"),
            packages.Select(p => p.Split("==") is [var name, var version] ? new PipRequirement(name, [], "==" + version) : new PipRequirement(p, [], "")).ToArray(),
            PackageSourceSettings.Default with { IndexUrl = index.IndexUrl })
        {
            LockFile = LockFile,
            PipLockFile = LockFile,
        };

    private EnvProvisioner Provisioner(RecordingProvisionLog log) =>
        new(new ProvisionOptions(temp.Combine("tools"), "9.9.9-test", TimeSpan.FromMinutes(1), "KEY") { ProjectFile = temp.Combine("a.proj") }, log);

    [Fact]
    public async Task A_first_build_without_a_lock_does_what_its_plan_says()
    {
        // A machine that made an env before keeps its pip: a new env's packages are then installed and locked by one pip run.
        await BuildAsync(Spec("m1-gamma"));
        Directory.Delete(temp.Combine("env"), recursive: true);
        File.Delete(LockFile);

        var (plan, installs) = await PlanThenBuildCountingInstallsAsync(Spec("m1-alpha==1.0", "m1-beta"));

        Assert.Equal(PlanAction.Create, plan.Action);
        Assert.Equal(PipLockStrategy.InstallWithReport, plan.PipLock);
        Assert.Equal(1, installs);
        Assert.True(File.Exists(LockFile));
    }

    [Fact]
    public async Task The_first_build_on_a_machine_does_what_its_plan_says()
    {
        var plan = await PlanThenBuildAsync(Spec("m1-alpha==1.0", "m1-beta"));

        Assert.Equal(PlanAction.Create, plan.Action);
        Assert.True(File.Exists(LockFile));
    }

    [Fact]
    public async Task A_first_build_with_a_lock_installs_it_as_it_is_as_planned()
    {
        await BuildAsync(Spec("m1-alpha==1.0", "m1-beta"));
        Directory.Delete(temp.Combine("env"), recursive: true);

        var plan = await PlanThenBuildAsync(Spec("m1-alpha==1.0", "m1-beta"));

        Assert.Equal(PlanAction.Create, plan.Action);
        Assert.Equal(PipLockStrategy.None, plan.PipLock);
        Assert.Equal(["m1-alpha", "m1-beta"], plan.Install.Select(p => p.NormalizedName).Order());
    }

    [Fact]
    public async Task A_pin_changed_with_its_committed_lock_is_installed_as_planned()
    {
        await BuildAsync(Spec("m1-alpha==2.0", "m1-beta"));
        var committed = File.ReadAllText(LockFile);
        await BuildAsync(Spec("m1-alpha==1.0", "m1-beta"));
        File.WriteAllText(LockFile, committed);

        var plan = await PlanThenBuildAsync(Spec("m1-alpha==2.0", "m1-beta"));

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(PipLockStrategy.None, plan.PipLock);
        Assert.Equal("m1-alpha==2.0", Assert.Single(plan.Install).ToRequirementString());
    }

    [Fact]
    public async Task A_pin_change_the_lock_must_resolve_is_resolved_by_the_install_the_plan_names()
    {
        await BuildAsync(Spec("m1-alpha==1.0", "m1-beta"));

        var (plan, installs) = await PlanThenBuildCountingInstallsAsync(Spec("m1-alpha==2.0", "m1-beta"));

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal(PipLockStrategy.InstallWithReport, plan.PipLock);
        Assert.Equal(1, installs);
        Assert.Equal("m1-alpha==2.0", Assert.Single(plan.Install).ToRequirementString());
    }

    [Fact]
    public async Task An_added_and_then_a_removed_package_are_what_the_plans_say()
    {
        await BuildAsync(Spec("m1-alpha==1.0", "m1-beta"));

        var added = await PlanThenBuildAsync(Spec("m1-alpha==1.0", "m1-beta", "m1-gamma"));
        var removed = await PlanThenBuildAsync(Spec("m1-alpha==1.0", "m1-gamma"));

        Assert.Equal(PipLockStrategy.InstallWithReport, added.PipLock);
        Assert.Equal("m1-gamma", Assert.Single(added.Install).NormalizedName);
        // Only lost packages: the lock is pruned without pip, and the plan removes what it said.
        Assert.Equal(PipLockStrategy.None, removed.PipLock);
        Assert.Equal(["m1-beta"], removed.Uninstall);
    }

    [Fact]
    public async Task A_package_damaged_by_hand_is_repaired_as_planned()
    {
        await BuildAsync(Spec("m1-alpha==1.0", "m1-beta"));
        var alpha = EnvReader.Read(temp.Combine("env"), verifyFiles: false).Find("m1-alpha")!;
        var module = Directory.EnumerateFiles(alpha.TopLevelDirectories[0], "*.py", SearchOption.AllDirectories).First();
        File.Delete(module);

        var plan = await PlanThenBuildAsync(Spec("m1-alpha==1.0", "m1-beta"));

        Assert.Equal(PlanAction.Update, plan.Action);
        Assert.Equal("m1-alpha", Assert.Single(plan.Reinstall).Name);
        Assert.True(File.Exists(module));
    }

    private async Task BuildAsync(EnvSpec spec) => await Provisioner(new RecordingProvisionLog()).ProvisionAsync(spec, CancellationToken.None);

    private async Task<EnvPlan> PlanThenBuildAsync(EnvSpec spec) => (await PlanThenBuildCountingInstallsAsync(spec)).Plan;

    /// <summary>Plans as <c>M1EnvPlan</c> does, builds, and checks that the build did what the plan said; returns the plan and the build's pip install runs.</summary>
    private async Task<(EnvPlan Plan, int Installs)> PlanThenBuildCountingInstallsAsync(EnvSpec spec)
    {
        var plan = await Provisioner(new RecordingProvisionLog()).PlanAsync(spec, CancellationToken.None);
        var before = Installed();

        var log = new RecordingProvisionLog();
        var result = await Provisioner(log).ProvisionAsync(spec, CancellationToken.None);
        var after = Installed();

        Assert.Equal(plan.Action, result.Action);
        var removed = before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(plan.Uninstall.Order(StringComparer.Ordinal), removed);

        // Each planned install is on disk now, and was not before; nothing else changed but what pip pulled in with them.
        var changed = after.Where(a => !before.TryGetValue(a.Key, out var version) || version != a.Value).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var requirement in plan.Install)
        {
            Assert.Contains(requirement.NormalizedName, changed);
        }

        var declared = spec.PipPackages.Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        Assert.All(changed.Where(declared.Contains), name => Assert.Contains(name, plan.Install.Select(p => p.NormalizedName)));

        var reinstalled = log.Lines.Where(l => l.StartsWith("Reinstalling ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(plan.Reinstall.Count > 0, reinstalled.Length > 0);
        Assert.All(plan.Reinstall, d => Assert.Contains(reinstalled, l => l.Contains($"{d.Name}=={d.Version}", StringComparison.Ordinal)));

        // pip's install resolved the lock exactly when the plan said it would, and then nothing resolved it again.
        var commands = log.Commands.ToArray();
        var installsWithReport = commands.Any(c => c.Contains(" install ", StringComparison.Ordinal) && c.Contains("--report", StringComparison.Ordinal) && !c.Contains("--dry-run", StringComparison.Ordinal));
        Assert.Equal(plan.PipLock == PipLockStrategy.InstallWithReport, installsWithReport);
        if (plan.PipLock == PipLockStrategy.InstallWithReport)
        {
            Assert.DoesNotContain(commands, c => c.Contains("--dry-run", StringComparison.Ordinal));
        }

        if (plan.LockNotes.All(note => note.Contains("installs exactly what it holds", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(commands, c => c.Contains("--report", StringComparison.Ordinal));
        }

        // And the build left nothing for the next one.
        var next = await Provisioner(new RecordingProvisionLog()).PlanAsync(spec, CancellationToken.None);
        Assert.Equal(PlanAction.UpToDate, next.Action);
        return (plan, commands.Count(c => c.Contains(" install ", StringComparison.Ordinal)));
    }

    private Dictionary<string, string> Installed() =>
        EnvReader.Read(temp.Combine("env"), verifyFiles: false).Distributions
            .Where(d => d.Name is not ("pip" or "setuptools" or "wheel"))
            .ToDictionary(d => d.Name, d => d.Version, StringComparer.Ordinal);
}
