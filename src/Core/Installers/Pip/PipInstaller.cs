using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// pip as the PyPI layer's installer. Removing and repairing run the pip M1Env controls (the
/// interpreter's bundled wheel, <see cref="PipLauncher"/>), never the env's own, which may be the
/// damaged one; what pip installed plainly is removed without a process (<see cref="RecordRemoval"/>);
/// installs link what earlier envs kept and run pip once for the rest (<see cref="PipPackageInstall"/>).
/// </summary>
public sealed class PipInstaller : IPackageInstaller
{
    private readonly ProcessRunner runner;
    private readonly IProvisionLog log;
    private readonly KeptWheels wheels;
    private readonly PipSeeds seeds;
    private readonly InstallsUnderWay underWay;

    public PipInstaller(ProcessRunner runner, IProvisionLog log, KeptInstalls kept, InstallsUnderWay underWay)
    {
        this.runner = runner;
        this.log = log;
        this.underWay = underWay;
        wheels = new KeptWheels(kept, log);
        seeds = new PipSeeds(kept);
    }

    /// <summary>pip's bundled wheels, installed once into a venv and kept, that a new venv links in instead of running ensurepip.</summary>
    public PipSeeds Seeds => seeds;

    public async Task<LockedPackages> FinishLockAsync(IPendingLock pending, InstallTarget target, CancellationToken cancellationToken)
    {
        var resolved = await pending.FinishAsync(target, cancellationToken).ConfigureAwait(false);
        if (resolved.InstalledNow.Count > 0 && target.Interpreter is { } interpreter)
        {
            // pip installed these while it resolved the lock: the next env links them in.
            var installedNow = resolved.InstalledNow.ToHashSet(StringComparer.Ordinal);
            wheels.Keep(resolved.Locked.Selected.Where(s => installedNow.Contains(s.Name)), target.Read(), interpreter, target.Python);
        }

        return resolved.Locked;
    }

    public async Task ApplyAsync(InstallTarget target, PackageChanges changes, LockedPackages? locked, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var pip = new PipClient(runner, target.Python, spec.Sources, PipLauncher.For(target.Interpreter));
        if (changes.Uninstall.Count > 0)
        {
            log.Step($"Removing {Counted.Packages(changes.Uninstall.Count)} from '{spec.Name}': {string.Join(", ", changes.Uninstall)}...");
            var left = new RecordRemoval(log).Remove(target.Read(), changes.Uninstall);
            if (left.Count > 0)
            {
                await pip.UninstallAsync(left, cancellationToken).ConfigureAwait(false);
            }
        }

        if (changes.Reinstall.Count > 0)
        {
            log.Step($"Reinstalling {Counted.Packages(changes.Reinstall.Count)} in '{spec.Name}': {string.Join(", ", changes.Reinstall.Select(d => $"{d.Name}=={d.Version}"))}...");
            await pip.ReinstallAsync(changes.Reinstall, cancellationToken).ConfigureAwait(false);
        }

        if (changes.Install.Count > 0 || PipSelfInstall.WheelWhileMissing(spec, target.Interpreter) is not null)
        {
            await new PipPackageInstall(runner, log, wheels, seeds, underWay).RunAsync(target, locked, changes.Install, cancellationToken).ConfigureAwait(false);
        }
    }
}
