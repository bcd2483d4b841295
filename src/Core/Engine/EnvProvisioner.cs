using System.Diagnostics;
using M1Env.Core.Backends;
using M1Env.Core.Backends.Conda;
using M1Env.Core.Backends.Venv;
using M1Env.Core.Cache;
using M1Env.Core.Engine.Jupyter;
using M1Env.Core.Engine.Planning;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Inspection;
using M1Env.Core.Installers;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Locking;
using M1Env.Core.Machine;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;
using M1Env.Core.Verify;

namespace M1Env.Core.Engine;

/// <summary>
/// Brings one env in line with its spec, under the prefix lock: read the disk and the stamp, plan,
/// apply, then record. Knowing that an env matches costs no process: the installed packages are read
/// from site-packages and the interpreter from the record of its file. The complete stamp is written
/// only after everything succeeded, and a working env is replaced only by one that works.
/// </summary>
public sealed class EnvProvisioner
{
    private readonly ProvisionOptions options;
    private readonly IProvisionLog log;
    private readonly ProcessRunner runner;
    private readonly IEnvBackend venv;
    private readonly IPackageInstaller installer;
    private readonly InstallsUnderWay underWay;
    private readonly ProbeMemo probes;
    private readonly Lazy<IEnvBackend> conda;
    private readonly PythonCandidateSources? candidateSources;
    private readonly CondaLocator? condaLocator;

    public EnvProvisioner(ProvisionOptions options, IProvisionLog log, PythonCandidateSources? candidateSources = null, CondaLocator? condaLocator = null)
        : this(options, log, candidateSources, condaLocator, new ProbeMemo(Path.Combine(options.ToolsDirectory, "probes")), new InstallsUnderWay())
    {
    }

    private EnvProvisioner(ProvisionOptions options, IProvisionLog log, PythonCandidateSources? candidateSources, CondaLocator? condaLocator, ProbeMemo probes, InstallsUnderWay underWay)
    {
        this.options = options;
        this.probes = probes;
        this.underWay = underWay;
        this.log = log;
        this.candidateSources = candidateSources;
        this.condaLocator = condaLocator;
        runner = new ProcessRunner(log);
        var linker = new FileLinker(options.LinkMode, log);
        var kept = new KeptInstalls(Path.Combine(options.ToolsDirectory, "installs"), log, linker);
        // The PyPI layer's installer, the same for every kind of env.
        var pip = new PipInstaller(runner, log, kept, underWay);
        installer = pip;
        venv = new VenvBackend(runner, log, candidateSources ?? PythonCandidateSources.ForCurrentProcess(), pip.Seeds, probes, new KeptVenvs(Path.Combine(options.ToolsDirectory, "venvs"), log, linker), underWay, options.ManagedPythons);
        conda = new Lazy<IEnvBackend>(() => new CondaBackend(
            runner,
            log,
            condaLocator ?? CondaLocators.ForCurrentProcess(runner, log, options.LockTimeout),
            options.Conda,
            options.LocksDirectory,
            options.LockTimeout));
    }

    /// <summary>The settings it works with, read and validated once from the project's properties.</summary>
    public ProvisionOptions Options => options;

    /// <summary>The same provisioner, its lines starting with the env's name, for one of several envs made at once.</summary>
    /// <param name="gate">Shared by the envs made together, so their lines never interleave.</param>
    /// <remarks>The envs share the answers of probes (envs of one interpreter ask it once) and the installs under way (a wheel they share is installed once).</remarks>
    public EnvProvisioner NamingEnv(string envName, object gate) => new(options, new EnvNamedLog(envName, log, gate), candidateSources, condaLocator, probes, underWay);

    private JupyterKernels Kernels => new(options.JupyterDataDirectory, log);

    /// <summary>
    /// After a build provisioned the project's envs: removes the Jupyter kernels it made for envs that
    /// no longer ask for one, and records those it has (<see cref="JupyterKernels.Forget"/>).
    /// </summary>
    public void ForgetUndeclaredKernels(IReadOnlyList<EnvSpec> specs)
    {
        if (options.EnvRoot is null || options.ProjectFile.Length == 0)
        {
            return;
        }

        Kernels.Forget(
            options.EnvRoot,
            PathIdentity.RealPath(options.ProjectFile),
            specs.Where(s => s.Jupyter).ToDictionary(s => s.Name, s => JupyterKernels.KernelName(s.Name, PathIdentity.RealPath(s.Prefix)), StringComparer.Ordinal));
    }

    /// <summary>
    /// Once every env of the project is provisioned: the project's cache key (from its envs' keys), added to each
    /// env's build key so that a no-op build hands M1EnvCacheKey on. Null, and nothing written, when an env failed.
    /// </summary>
    public string? RecordProjectCacheKey(IReadOnlyList<EnvOutcome> outcomes)
    {
        if (outcomes.Any(o => o.Result is null))
        {
            return null;
        }

        var projectKey = CacheKeys.FromEnvKeys(outcomes.Select(o => o.Result!.Env.CacheKey));
        if (options.BuildKey is not null)
        {
            foreach (var spec in outcomes.Select(o => o.Spec))
            {
                StampStore.AddProjectCacheKey(new StampStore(spec.Prefix).BuildKeyPath, projectKey);
                if (spec.Named && options.EnvRoot is not null)
                {
                    StampStore.AddProjectCacheKey(NamedEnvKeyPath(options.EnvRoot, spec.Name), projectKey);
                }
            }
        }

        return projectKey;
    }

    /// <summary>The backend of the env's kind: the one place that tells kinds apart.</summary>
    public IEnvBackend BackendFor(EnvSpec spec) => spec.Kind == EnvKind.Conda ? conda.Value : venv;

    public async Task<ProvisionResult> ProvisionAsync(EnvSpec spec, CancellationToken cancellationToken)
    {
        var backend = BackendFor(spec);

        // Refused before any process or lock: a prefix that holds someone else's files.
        var realPrefix = PathIdentity.RealPath(spec.Prefix);
        if (Inspect(backend, spec, realPrefix).HoldsForeignFiles)
        {
            throw NotAnEnvironment(spec);
        }

        // Keyed by the real path: builds that reach one prefix through a link and through its target take turns.
        using var prefixLock = await PrefixLock.AcquireAsync(options.LocksDirectory, realPrefix, options.LockTimeout, log, cancellationToken).ConfigureAwait(false);
        if (PrefixBackup.Recover(spec.Prefix, log))
        {
            // The env that was being replaced is back, whole: no env is being made there any more.
            new CreationMarker(options.LocksDirectory, realPrefix).Clear();
        }

        spec = PipLockRename.ToStandardName(spec, log);

        var stopwatch = Stopwatch.StartNew();
        WarnAboutKnownBadCombinations(spec);
        // Read, lock, plan: nothing in the env changes before the plan is made, once.
        var (owner, store, stamp, record, interpreter, specHash, plan, locked) = await AssessAsync(spec, backend, realPrefix, build: true, cancellationToken).ConfigureAwait(false);
        var pending = locked?.PendingPip;
        var changed = plan.CreatesEnv || plan.ChangesPackages || pending is not null;
        spec = locked?.Spec ?? spec;
        foreach (var reason in plan.Reasons)
        {
            log.Detail($"{spec.Name}: {reason}");
        }

        if (plan.CreatesEnv || plan.ChangesPackages)
        {
            await backend.PrepareAsync(spec, plan, cancellationToken).ConfigureAwait(false);
        }

        // Apply: the backend and pip carry the plan out; a pending lock is finished by the pip run that installs.
        var work = new EnvWork(spec, backend, owner, realPrefix, interpreter, specHash, options.ToolVersion, store, stamp) { Locked = locked?.Pip, LockFiles = locked?.Files ?? [], PendingLock = pending };
        if (plan.CreatesEnv)
        {
            work = await RemakeAsync(work, plan, cancellationToken).ConfigureAwait(false);
        }
        else if (plan.ChangesPackages || pending is not null)
        {
            ForgetBuildKey(spec, store);
            store.Write(work.Stamp(complete: false, created: true, PreviousAndCurrent(stamp, spec)) with
            {
                Installed = stamp?.Installed ?? [],
                CondaPackages = PreviousAndCurrentConda(stamp, spec),
                CondaInstalled = stamp?.CondaInstalled ?? [],
            });
            work = await ApplyPackagesAsync(work, plan, cancellationToken).ConfigureAwait(false);
        }
        else if (plan.Action == PlanAction.RefreshStamp)
        {
            log.Step($"Environment '{spec.Name}' {plan.Reasons[^1]}.");
        }

        // Record: what is on disk now, read once, with the plan and the lock.
        spec = work.Spec;
        var env = await RecordAsync(work, record, plan.Action != PlanAction.UpToDate || stamp is null || pending is not null, cancellationToken).ConfigureAwait(false);
        await new EnvVerifier(runner, log, options.Verify)
            .VerifyAsync(spec.Name, env.Python, env.SpecHash, store, changed, cancellationToken).ConfigureAwait(false);
        if (spec.Jupyter)
        {
            Kernels.Register(owner, realPrefix, env.Python);
        }

        if (changed)
        {
            log.Step($"Environment '{spec.Name}' is ready at {spec.Prefix} ({stopwatch.Elapsed.TotalSeconds:0.0} s).");
        }

        return new ProvisionResult(env, plan.Action);
    }

    /// <summary>
    /// What the next build would do to the env and why, without changing anything: the lock is read
    /// and judged, never resolved; no conda, no pip. Only an interpreter with no current record (a venv's base CPython, a conda env's
    /// own Python) is found or asked with a process. A lock the build would leave pending is in the
    /// plan as the build carries it (<see cref="EnvPlan.PipLock"/>).
    /// </summary>
    public async Task<EnvPlan> PlanAsync(EnvSpec spec, CancellationToken cancellationToken)
    {
        var backend = BackendFor(spec);
        var realPrefix = PathIdentity.RealPath(spec.Prefix);
        if (Inspect(backend, spec, realPrefix).HoldsForeignFiles)
        {
            throw NotAnEnvironment(spec);
        }

        WarnAboutKnownBadCombinations(spec);
        var plan = (await AssessAsync(spec, backend, realPrefix, build: false, cancellationToken).ConfigureAwait(false)).Plan with
        {
            LockNotes = backend.AssessLock(spec).Select(l => l.Describe(spec.Lock)).ToArray(),
        };
        return PrefixBackup.NeedsRecovery(spec.Prefix)
            ? plan with { Reasons = ["a build was stopped while it replaced the environment: the next build first puts the previous one back", .. plan.Reasons] }
            : plan;
    }

    /// <summary>
    /// The phases before anything changes. Read: the stamp, the disk and the interpreter's record, once.
    /// Lock: read the lock and decide; a build resolves it by dry run, or leaves it pending for the
    /// install; a plan resolves nothing. Plan: once, from the spec as locked (or as declared, while
    /// pending) and the disk. Starts no process unless the interpreter must be found, or the lock resolved.
    /// </summary>
    /// <param name="build">A build, not a plan: a lock that must be resolved by dry run is resolved and written.</param>
    private async Task<Assessment> AssessAsync(EnvSpec spec, IEnvBackend backend, string realPrefix, bool build, CancellationToken cancellationToken)
    {
        var owner = new EnvOwner(options.ProjectFile.Length == 0 ? string.Empty : PathIdentity.RealPath(options.ProjectFile), spec.Name);
        var store = new StampStore(spec.Prefix);
        var stamp = store.Read();
        var takeover = PrefixOwnership.Check(stamp, owner, realPrefix, File.Exists);

        var facts = Inspect(backend, spec, realPrefix);
        var disk = backend.Read(spec.Prefix, verifyFiles: true);
        var record = store.ReadInterpreter();
        var interpreter = await backend.ChooseInterpreterAsync(spec, record, disk, mayInstall: build, cancellationToken).ConfigureAwait(false);
        if (interpreter is not null && RosettaRule.Problem(interpreter.Executable, BinaryArchitecture.Read(interpreter.Executable), HostPlatform.IsAppleSilicon) is { } rosetta)
        {
            throw new M1EnvException(ErrorCodes.WrongArchitecture,
                $"Environment '{spec.Name}': {rosetta}. Use an arm64 Python (Homebrew in /opt/homebrew, python.org's universal2, pyenv, or an arm64 Miniforge) and build again.");
        }
        var recordedLocation = stamp?.Location ?? (disk.Config?.CreatedAt is { } createdAt ? PathIdentity.RealPath(createdAt) : null);
        PlanInputs Inputs(EnvSpec planned) => new(
            planned, interpreter, SpecHasher.Hash(planned, interpreter, options.ToolVersion), SpecHasher.HashSources(planned.Sources), options.ToolVersion, realPrefix, recordedLocation, stamp, facts, disk)
        {
            PlanNative = backend.PlanNative,
        };

        // The env as a whole (kept, or made again) does not depend on what the lock pins; the lock's strategy depends on it.
        var verdict = EnvPlanner.Judge(Inputs(spec));

        // The lock decides what the env holds: every locked package, exactly, instead of the declared ranges.
        var knownTarget = record is not null && record.Interpreter == interpreter && record.IsCurrent() ? record.Target : null;
        var locked = await backend.LockAsync(spec, interpreter, knownTarget, verdict is null ? EnvInPlaceState.Kept : EnvInPlaceState.ToBeMade, resolve: build, cancellationToken).ConfigureAwait(false);
        var inputs = Inputs(locked?.Spec ?? spec);
        var plan = EnvPlanner.Plan(inputs, verdict) with { PipLock = locked?.PendingPip?.Strategy ?? PipLockStrategy.None };
        if (takeover is not null)
        {
            plan = plan with { Reasons = [$"taking over the prefix: {takeover}", .. plan.Reasons] };
        }

        return new Assessment(owner, store, stamp, record, interpreter, inputs.SpecHash, plan, locked);
    }

    /// <summary>What the prefix is, and whether a stopped build was making it (one stat in the tools folder).</summary>
    private PrefixFacts Inspect(IEnvBackend backend, EnvSpec spec, string realPrefix) =>
        backend.Inspect(spec.Prefix) with { BeingMade = new CreationMarker(options.LocksDirectory, realPrefix).Exists };

    /// <summary>Warns, before anything is installed, about versions the declaration allows that are known not to work together.</summary>
    private void WarnAboutKnownBadCombinations(EnvSpec spec)
    {
        foreach (var warning in KnownBadCombinations.Describe(spec))
        {
            log.Warning(ErrorCodes.KnownBadCombination, warning);
        }
    }

    private static M1EnvException NotAnEnvironment(EnvSpec spec) => new(
        ErrorCodes.PrefixNotAnEnvironment,
        $"The prefix {spec.Prefix} of environment '{spec.Name}' already holds files and is not a Python environment. M1Env will not delete them: choose another Prefix or empty the folder.");

    /// <summary>Makes the env again (or for the first time) and returns the work with the interpreter it was made from.</summary>
    private async Task<EnvWork> RemakeAsync(EnvWork work, EnvPlan plan, CancellationToken cancellationToken)
    {
        var (spec, store) = (work.Spec, work.Store);
        ForgetBuildKey(spec, store);
        var marker = new CreationMarker(options.LocksDirectory, work.RealPrefix);
        PrefixBackup? backup = null;
        if (plan.Action == PlanAction.Recreate)
        {
            log.Step($"Recreating environment '{spec.Name}': {plan.Reasons[0]}.");
            if (marker.Exists && Directory.Exists(spec.Prefix))
            {
                // Half-made by a stopped build: nothing in it is worth putting back.
                Directory.Delete(spec.Prefix, recursive: true);
            }
            else
            {
                backup = PrefixBackup.MoveAside(spec.Prefix);
            }
        }

        try
        {
            EnvRootFolder.EnsureParentOf(spec.Prefix, options.EnvRoot);
            Directory.CreateDirectory(spec.Prefix);

            // Marked before the env exists, outside it: a build killed while making it leaves a prefix the next one remakes.
            marker.Set(work.Owner);
            var interpreter = await work.Backend.CreateAsync(spec, work.Interpreter, cancellationToken).ConfigureAwait(false);
            work = work with { Interpreter = interpreter, SpecHash = SpecHasher.Hash(spec, interpreter, options.ToolVersion) };
            // The first file M1Env writes into the prefix: a conda tool has made it a conda env by now.
            store.Write(work.Stamp(complete: false, created: true, spec.PipPackages.Select(ToStamped)) with { CondaPackages = spec.CondaPackages.Select(ToStamped).ToArray() });
            marker.Clear();

            // conda made the env with its conda packages already: what is left is pip's.
            work = await ApplyPackagesAsync(work, plan with { CondaInstall = [], CondaRepair = [], CondaRemove = [] }, cancellationToken).ConfigureAwait(false);
        }
        catch when (backup is not null)
        {
            log.Step($"Putting the previous environment '{spec.Name}' back.");
            backup.Restore();
            marker.Clear();
            throw;
        }

        backup?.Discard();
        return work;
    }

    /// <summary>Carries the plan's package changes out: conda's, then pip's; returns the work with the lock a pending one became.</summary>
    private async Task<EnvWork> ApplyPackagesAsync(EnvWork work, EnvPlan plan, CancellationToken cancellationToken)
    {
        var spec = work.Spec;
        await work.Backend.ApplyNativeAsync(spec, plan, cancellationToken).ConfigureAwait(false);
        foreach (var leftover in plan.Leftovers)
        {
            Directory.Delete(leftover, recursive: true);
        }

        var (install, uninstall) = (plan.Install, plan.Uninstall);
        if (work.PendingLock is { } pending)
        {
            // The plan's pip part: install with pip (its report resolves this machine's lock), or lock with the new env's own Python.
            work = await FinishLockAsync(work, pending, cancellationToken).ConfigureAwait(false);
            spec = work.Spec;
            var disk = work.Backend.Read(spec.Prefix, verifyFiles: false);
            install = spec.PipPackages.Where(p => disk.Find(p.NormalizedName) is not { } installed || !RequirementVersions.IsSatisfiedBy(p, installed.Version)).ToArray();
            var dropped = new List<string>();
            uninstall = plan.CreatesEnv ? [] : PackagePlanner.DroppedByLock(spec, work.PreviousStamp, disk, dropped);
            foreach (var reason in dropped)
            {
                log.Detail($"{spec.Name}: {reason}");
            }
        }

        await installer.ApplyAsync(TargetOf(work), new PackageChanges(uninstall, plan.Reinstall, install), work.Locked, cancellationToken).ConfigureAwait(false);
        return work;
    }

    /// <summary>Finishes the pending lock now that the env exists, with the installer that resolves it.</summary>
    private async Task<EnvWork> FinishLockAsync(EnvWork work, IPendingLock pending, CancellationToken cancellationToken)
    {
        var locked = await installer.FinishLockAsync(pending, TargetOf(work), cancellationToken).ConfigureAwait(false);
        var spec = locked.Pin(work.Spec);
        return work with { Spec = spec, Locked = locked, PendingLock = null, SpecHash = SpecHasher.Hash(spec, work.Interpreter, options.ToolVersion) };
    }

    /// <summary>The env as the installer sees it, described by its backend.</summary>
    private static InstallTarget TargetOf(EnvWork work) => new(
        work.Spec,
        work.Interpreter,
        work.Backend.PythonPath(work.Spec.Prefix),
        () => work.Backend.Read(work.Spec.Prefix, verifyFiles: false));

    /// <summary>Writes what is now true: the interpreter's record, the complete stamp, the build key.</summary>
    private async Task<ProvisionedEnv> RecordAsync(EnvWork work, InterpreterRecord? record, bool writeStamp, CancellationToken cancellationToken)
    {
        var (spec, store) = (work.Spec, work.Store);
        var disk = work.Backend.Read(spec.Prefix, verifyFiles: false);
        var interpreter = work.Interpreter
            ?? throw new M1EnvException(ErrorCodes.FileSystemError, $"The interpreter of environment '{spec.Name}' disappeared while it was being made.");
        var target = work.Locked?.Target ?? (record?.Interpreter == interpreter ? record.Target : null);
        if (record is null || record.Interpreter != interpreter || !record.IsCurrent() || record.HandOff is null || !File.Exists(store.InterpreterPath)
            || (record.Target is null && target is not null))
        {
            var fingerprint = FileFingerprint.Of(interpreter.Executable)
                ?? throw new M1EnvException(ErrorCodes.FileSystemError, $"The interpreter {interpreter.Executable} disappeared while the environment '{spec.Name}' was being made.");
            var handOff = record is not null && record.Interpreter == interpreter && record.Fingerprint == fingerprint && record.HandOff is not null
                ? record.HandOff
                : await work.Backend.HandOffAsync(spec, interpreter, cancellationToken).ConfigureAwait(false);
            record = new InterpreterRecord(interpreter, fingerprint, handOff) { Target = target };
            store.WriteInterpreter(record);
        }

        if (writeStamp)
        {
            store.Write(work.Stamp(complete: true, created: true, spec.PipPackages.Select(ToStamped)) with
            {
                Installed = disk.Distributions.Select(d => new StampedDistribution(d.Name, d.Version)).ToArray(),
                CondaPackages = spec.CondaPackages.Select(ToStamped).ToArray(),
                CondaInstalled = disk.CondaPackages.Select(p => new StampedDistribution(p.Name, $"{p.Version}={p.Build}")).ToArray(),
            });
        }

        var recorded = record.HandOff;
        var env = new ProvisionedEnv(
            spec.Name,
            spec.Prefix,
            work.Backend.PythonPath(spec.Prefix),
            work.SpecHash,
            interpreter.Executable,
            interpreter.Version,
            recorded?.PythonLibrary ?? string.Empty,
            recorded?.Stdlib ?? string.Empty,
            disk.SitePackages ?? recorded?.SitePackages ?? string.Empty)
        {
            // After the lock stage: the env's lock files are the ones this build wrote or installed.
            CacheKey = CacheKeys.ForEnv(CacheKeyInput.Of(spec)),
        };
        if (options.BuildKey is not null)
        {
            var key = BuildKey.Create(options.BuildKey, work.SpecHash, PathIdentity.RealPath(interpreter.Executable), WatchedDirectories(disk, spec), env, work.LockFiles);
            store.WriteBuildKey(key);
            if (spec.Named && options.EnvRoot is not null)
            {
                var copy = NamedEnvKeyPath(options.EnvRoot, spec.Name);
                EnvRootFolder.EnsureParentOf(Path.GetDirectoryName(copy)!, options.EnvRoot);
                StampStore.WriteBuildKeyCopy(copy, key);
            }
        }

        return env;
    }

    /// <summary>
    /// The folders whose entries change when a package is installed, removed or re-pinned by hand
    /// (the prefix, bin, site-packages, conda-meta), and the top-level folders of the declared packages (pip's and conda's), where
    /// deleting a module shows. Dependencies' own folders are left to the task's full check (after a
    /// change, a clean or a Rebuild): a real ML env has a hundred of them, and each costs the no-op
    /// build a stat.
    /// </summary>
    private static IEnumerable<string> WatchedDirectories(InstalledEnv disk, EnvSpec spec)
    {
        yield return disk.Prefix;
        if (disk.BinDirectory is not null)
        {
            yield return disk.BinDirectory;
        }

        if (disk.SitePackages is not null)
        {
            yield return disk.SitePackages;
        }

        if (disk.CondaPackages.Count > 0)
        {
            // conda install, update and remove all rewrite conda-meta.
            yield return Path.Combine(disk.Prefix, "conda-meta");
        }

        var declared = spec.PipPackages.Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        foreach (var directory in disk.Distributions.Where(d => declared.Contains(d.Name)).SelectMany(d => d.TopLevelDirectories))
        {
            yield return directory;
        }

        var declaredConda = spec.CondaPackages.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var directory in disk.CondaPackages.Where(p => declaredConda.Contains(p.Name)).SelectMany(p => p.TopLevelDirectories))
        {
            yield return directory;
        }
    }

    private static IEnumerable<StampedPackage> PreviousAndCurrent(EnvStamp? previous, EnvSpec spec) =>
        (previous?.PipPackages ?? [])
            .Concat(spec.PipPackages.Select(ToStamped))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.Last());

    /// <summary>Deletes the keys that would let the next build skip this env, before anything in it changes.</summary>
    private void ForgetBuildKey(EnvSpec spec, StampStore store)
    {
        store.DeleteBuildKey();
        // File.Delete throws when the folder is missing, as it is before a named env's first build.
        if (spec.Named && options.EnvRoot is not null && File.Exists(NamedEnvKeyPath(options.EnvRoot, spec.Name)))
        {
            File.Delete(NamedEnvKeyPath(options.EnvRoot, spec.Name));
        }
    }

    /// <summary>Where M1Env.targets reads a named env's key: <c>$(M1EnvRoot).named/NAME.build.key</c>.</summary>
    public static string NamedEnvKeyPath(string envRoot, string name) => Path.Combine(envRoot, ".named", name + ".build.key");

    private static IReadOnlyList<StampedPackage> PreviousAndCurrentConda(EnvStamp? previous, EnvSpec spec) =>
        (previous?.CondaPackages ?? [])
            .Concat(spec.CondaPackages.Select(ToStamped))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.Last())
            .ToArray();

    private static StampedPackage ToStamped(PipRequirement requirement) => new(requirement.NormalizedName, requirement.ToRequirementString());

    private static StampedPackage ToStamped(CondaRequirement requirement) => new(requirement.Name, requirement.ToMatchSpec());


    private sealed record Assessment(EnvOwner Owner, StampStore Store, EnvStamp? Stamp, InterpreterRecord? Record, PythonInterpreter? Interpreter, string SpecHash, EnvPlan Plan, EnvLock? Locked);

    /// <summary>The facts of one provisioning run that every stamp it writes repeats.</summary>
    /// <param name="PreviousStamp">The stamp the build found, before it marked its work under way.</param>
    private sealed record EnvWork(EnvSpec Spec, IEnvBackend Backend, EnvOwner Owner, string RealPrefix, PythonInterpreter? Interpreter, string SpecHash, string ToolVersion, StampStore Store, EnvStamp? PreviousStamp)
    {
        /// <summary>The env's lock, when it has one: installs go through it, hashes and all.</summary>
        public LockedPackages? Locked { get; init; }

        /// <summary>The env's lock files, which the build key watches.</summary>
        public IReadOnlyList<string> LockFiles { get; init; } = [];

        /// <summary>The pip lock the plan's pip part resolves (<see cref="EnvPlan.PipLock"/>), until it is finished.</summary>
        public IPendingLock? PendingLock { get; init; }

        public EnvStamp Stamp(bool complete, bool created, IEnumerable<StampedPackage> packages) =>
            new(EnvStamp.CurrentSchema, complete, created, ToolVersion, SpecHash, Owner, RealPrefix, Spec.Python.ToString(), Interpreter,
                SpecHasher.HashSources(Spec.Sources), packages.ToArray(), []);
    }
}
