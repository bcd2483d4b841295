using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// Puts an env's missing pip packages (and pip itself, in an env made without it) into the env with
/// as little pip as it can: a locked wheel an earlier env installed is linked in (<see cref="KeptWheels"/>),
/// one that another env of this build is installing is waited for and then linked
/// (<see cref="InstallsUnderWay"/>), and one pip run installs the rest and keeps it for the next env.
/// </summary>
internal sealed class PipPackageInstall(ProcessRunner runner, IProvisionLog log, KeptWheels wheels, PipSeeds seeds, InstallsUnderWay underWay)
{
    public async Task RunAsync(InstallTarget target, LockedPackages? locked, IReadOnlyList<PipRequirement> install, CancellationToken cancellationToken)
    {
        var (spec, interpreter) = (target.Spec, target.Interpreter);
        var selfWheel = PipSelfInstall.WheelWhileMissing(spec, interpreter);

        // Where nothing is kept (Windows), waiting for another env would only put the pip runs in a row.
        if (locked is null || interpreter is null || !KeptInstalls.Supported)
        {
            await PipAsync(spec, target, interpreter, locked, install, [], selfWheel, cancellationToken).ConfigureAwait(false);
            return;
        }

        var envPython = target.Python;
        var names = install.Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        var location = Locations(spec, locked);
        var wanted = wheels.Plant(locked.Selected.Where(s => names.Contains(s.Name)).ToArray(), location, target.Read(), interpreter, envPython);
        var seedKey = selfWheel is null ? null : PipSeeds.KeyFor(selfWheel, interpreter.ParsedVersion);
        var claim = underWay.Claim(wanted.Select(s => KeptWheels.KeyFor(s, interpreter)).Append(seedKey).OfType<string>());
        var theirs = wanted.Where(s => KeptWheels.KeyFor(s, interpreter) is { } key && !claim.Mine.Contains(key)).ToArray();
        var mine = wanted.Except(theirs).ToArray();

        // An env without pip runs pip from the wheel, which installs pip too: it waits for another env's pip only when it has no packages of its own to install.
        var seedIsTheirs = seedKey is not null && !claim.Mine.Contains(seedKey) && mine.Length == 0;
        try
        {
            if (mine.Length > 0 || (selfWheel is not null && !seedIsTheirs))
            {
                await PipAsync(spec, target, interpreter, locked, Requirements(install, mine), mine, selfWheel, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Whatever happened: the envs waiting for this one go on.
            claim.Dispose();
        }

        if (theirs.Length == 0 && !seedIsTheirs)
        {
            return;
        }

        log.Step($"Waiting for another environment of this build, which installs {string.Join(", ", theirs.Select(s => $"{s.Name}=={s.Version}").Append(seedIsTheirs ? "pip" : null).OfType<string>())}...");
        await claim.OthersDoneAsync(cancellationToken).ConfigureAwait(false);
        if (seedIsTheirs && target.Read().SitePackages is { } sitePackages
            && seeds.TryPlant(selfWheel!, interpreter.ParsedVersion, spec.Prefix, sitePackages, envPython))
        {
            log.Detail($"Linked pip into '{spec.Name}' from {seeds.FolderFor(selfWheel!, interpreter.ParsedVersion)}.");
        }

        // What the other env could not keep is installed here after all.
        var left = wheels.Plant(theirs, location, target.Read(), interpreter, envPython);
        await PipAsync(spec, target, interpreter, locked, Requirements(install, left), left, PipSelfInstall.WheelWhileMissing(spec, interpreter), cancellationToken).ConfigureAwait(false);
    }

    private static string[] IndexUrls(EnvSpec spec) => new[] { spec.Sources.IndexUrl }.Concat(spec.Sources.ExtraIndexUrls).OfType<string>().ToArray();

    /// <summary>Where pip gets each locked file, as the install of the lock names it.</summary>
    private static Func<PyLockArtifact, string> Locations(EnvSpec spec, LockedPackages locked)
    {
        var indexUrls = IndexUrls(spec);
        var lockDirectory = Path.GetDirectoryName(locked.LockFile);
        return artifact => PipHashedRequirements.LocationOf(artifact, indexUrls, lockDirectory);
    }

    private static IReadOnlyList<PipRequirement> Requirements(IReadOnlyList<PipRequirement> install, IEnumerable<SelectedArtifact> selected)
    {
        var names = selected.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return install.Where(p => names.Contains(p.NormalizedName)).ToArray();
    }

    /// <summary>One pip run: the locked files with their hashes, or the requirements; then keeps what it installed for the next env.</summary>
    private async Task PipAsync(
        EnvSpec spec,
        InstallTarget target,
        PythonInterpreter? interpreter,
        LockedPackages? locked,
        IReadOnlyList<PipRequirement> install,
        IReadOnlyList<SelectedArtifact> lockedInstall,
        string? selfWheel,
        CancellationToken cancellationToken)
    {
        if (install.Count == 0 && selfWheel is null)
        {
            return;
        }

        log.Step(install.Count == 0
            ? $"Installing pip into '{spec.Name}'..."
            : $"Installing {Counted.Packages(install.Count)} into '{spec.Name}': {string.Join(", ", install)}{(selfWheel is null ? string.Empty : ", and pip")}...");
        var envPython = target.Python;
        var pip = new PipClient(runner, envPython, spec.Sources, selfWheel is null ? PipLauncher.For(interpreter) : new PipLauncher(selfWheel), installsPip: selfWheel is not null);
        if (locked is not null)
        {
            await pip.InstallLockedAsync(PipHashedRequirements.Write(lockedInstall, IndexUrls(spec), Path.GetDirectoryName(locked.LockFile)), locked.LockFile, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await pip.InstallAsync(install, cancellationToken).ConfigureAwait(false);
        }

        if (interpreter is not null)
        {
            // Installed now, byte code and all: the next env links them in.
            var disk = target.Read();
            if (selfWheel is not null && disk.SitePackages is { } sitePackages)
            {
                seeds.Keep(selfWheel, interpreter.ParsedVersion, spec.Prefix, sitePackages, envPython);
            }

            wheels.Keep(lockedInstall, disk, interpreter, envPython);
        }
    }
}
