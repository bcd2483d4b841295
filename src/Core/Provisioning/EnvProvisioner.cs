using System.Diagnostics;
using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.Inspection;
using M1Env.Core.Paths;
using M1Env.Core.Pip;
using M1Env.Core.Planning;
using M1Env.Core.Processes;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;
using M1Env.Core.Venv;

namespace M1Env.Core.Provisioning;

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
    private readonly PythonCandidateSources candidateSources;

    public EnvProvisioner(ProvisionOptions options, IProvisionLog log, PythonCandidateSources? candidateSources = null)
    {
        this.options = options;
        this.log = log;
        runner = new ProcessRunner(log);
        this.candidateSources = candidateSources ?? PythonCandidateSources.ForCurrentProcess();
    }

    public async Task<ProvisionResult> ProvisionAsync(EnvSpec spec, CancellationToken cancellationToken)
    {
        // Refused before any process or lock: a prefix that holds someone else's files.
        if (PrefixFacts.Inspect(spec.Prefix) is { Exists: true, IsEmpty: false, IsVenv: false, HasM1EnvState: false })
        {
            throw new M1EnvException(
                ErrorCodes.PrefixNotAnEnvironment,
                $"The prefix {spec.Prefix} of environment '{spec.Name}' already holds files and is not a Python environment. M1Env will not delete them: choose another Prefix or empty the folder.");
        }

        // Keyed by the real path: builds that reach one prefix through a link and through its target take turns.
        var realPrefix = PathIdentity.RealPath(spec.Prefix);
        using var prefixLock = await PrefixLock.AcquireAsync(options.LocksDirectory, realPrefix, options.LockTimeout, log, cancellationToken).ConfigureAwait(false);
        PrefixBackup.Recover(spec.Prefix, log);

        var stopwatch = Stopwatch.StartNew();
        var owner = new EnvOwner(options.ProjectFile.Length == 0 ? string.Empty : PathIdentity.RealPath(options.ProjectFile), spec.Name);
        var store = new StampStore(spec.Prefix);
        var stamp = store.Read();
        var takeover = PrefixOwnership.Check(stamp, owner, realPrefix, File.Exists);

        var facts = PrefixFacts.Inspect(spec.Prefix);
        var disk = EnvReader.Read(spec.Prefix, verifyFiles: true);
        var record = store.ReadInterpreter();
        var interpreter = await ChooseInterpreterAsync(spec, record, disk, cancellationToken).ConfigureAwait(false);
        var specHash = SpecHasher.Hash(spec, interpreter, options.ToolVersion);
        var recordedLocation = stamp?.Location ?? (disk.Config?.CreatedAt is { } createdAt ? PathIdentity.RealPath(createdAt) : null);
        var plan = EnvPlanner.Plan(new PlanInputs(
            spec, interpreter, specHash, SpecHasher.HashSources(spec.Sources), options.ToolVersion, realPrefix, recordedLocation, stamp, facts, disk));
        if (takeover is not null)
        {
            plan = plan with { Reasons = [$"taking over the prefix: {takeover}", .. plan.Reasons] };
        }

        foreach (var reason in plan.Reasons)
        {
            log.Detail($"{spec.Name}: {reason}");
        }

        var work = new EnvWork(spec, owner, realPrefix, interpreter, specHash, options.ToolVersion, store);
        if (plan.CreatesEnv)
        {
            await RemakeAsync(work, plan, cancellationToken).ConfigureAwait(false);
        }
        else if (plan.ChangesPackages)
        {
            store.DeleteBuildKey();
            store.Write(work.Stamp(complete: false, created: true, PreviousAndCurrent(stamp, spec), stamp?.Installed ?? []));
            await ApplyPackagesAsync(work, plan, cancellationToken).ConfigureAwait(false);
        }
        else if (plan.Action == PlanAction.RefreshStamp)
        {
            log.Step($"Environment '{spec.Name}' {plan.Reasons[^1]}.");
        }

        var env = await RecordAsync(work, record, plan.Action != PlanAction.UpToDate || stamp is null, cancellationToken).ConfigureAwait(false);
        if (plan.CreatesEnv || plan.ChangesPackages)
        {
            log.Step($"Environment '{spec.Name}' is ready at {spec.Prefix} ({stopwatch.Elapsed.TotalSeconds:0.0} s).");
        }

        return new ProvisionResult(env, plan.Action);
    }

    private async Task<PythonInterpreter> ChooseInterpreterAsync(EnvSpec spec, InterpreterRecord? record, InstalledEnv disk, CancellationToken cancellationToken)
    {
        // The interpreter this env was made from, when its file is unchanged and it still fits: no process.
        if (record is not null && disk.Config is not null && spec.Python.IsSatisfiedBy(record.Interpreter.ParsedVersion) && record.IsCurrent())
        {
            return record.Interpreter;
        }

        log.Step($"Finding CPython {spec.Python} for environment '{spec.Name}'...");
        var locator = new PythonLocator(candidateSources, new InterpreterProbe(runner), log);
        return await locator.LocateAsync(spec.Python, cancellationToken, preferred: disk.Config?.Executable).ConfigureAwait(false);
    }

    private async Task RemakeAsync(EnvWork work, EnvPlan plan, CancellationToken cancellationToken)
    {
        var (spec, store) = (work.Spec, work.Store);
        store.DeleteBuildKey();
        PrefixBackup? backup = null;
        if (plan.Action == PlanAction.Recreate)
        {
            log.Step($"Recreating environment '{spec.Name}': {plan.Reasons[0]}.");
            backup = PrefixBackup.MoveAside(spec.Prefix);
        }

        try
        {
            EnvRootFolder.EnsureParentOf(spec.Prefix, options.EnvRoot);
            Directory.CreateDirectory(spec.Prefix);

            // Marked before the venv exists: a build killed while making it leaves a prefix the next one remakes.
            store.Write(work.Stamp(complete: false, created: false, spec.PipPackages.Select(ToStamped), []));
            log.Step($"Creating venv '{spec.Name}' at {spec.Prefix} with CPython {work.Interpreter.Version}...");
            await new VenvBackend(runner).CreateAsync(work.Interpreter, spec.Prefix, spec.Name, cancellationToken).ConfigureAwait(false);
            store.Write(work.Stamp(complete: false, created: true, spec.PipPackages.Select(ToStamped), []));
            await ApplyPackagesAsync(work, plan, cancellationToken).ConfigureAwait(false);
        }
        catch when (backup is not null)
        {
            log.Step($"Putting the previous environment '{spec.Name}' back.");
            backup.Restore();
            throw;
        }

        backup?.Discard();
    }

    private async Task ApplyPackagesAsync(EnvWork work, EnvPlan plan, CancellationToken cancellationToken)
    {
        var spec = work.Spec;
        foreach (var leftover in plan.Leftovers)
        {
            Directory.Delete(leftover, recursive: true);
        }

        var pip = new PipClient(runner, VenvLayout.PythonPath(spec.Prefix), spec.Sources);
        if (plan.Uninstall.Count > 0)
        {
            log.Step($"Removing {Count(plan.Uninstall.Count)} from '{spec.Name}': {string.Join(", ", plan.Uninstall)}...");
            await pip.UninstallAsync(plan.Uninstall, cancellationToken).ConfigureAwait(false);
        }

        if (plan.Reinstall.Count > 0)
        {
            log.Step($"Reinstalling {Count(plan.Reinstall.Count)} in '{spec.Name}': {string.Join(", ", plan.Reinstall.Select(d => $"{d.Name}=={d.Version}"))}...");
            await pip.ReinstallAsync(plan.Reinstall, cancellationToken).ConfigureAwait(false);
        }

        if (plan.Install.Count > 0)
        {
            log.Step($"Installing {Count(plan.Install.Count)} into '{spec.Name}': {string.Join(", ", plan.Install)}...");
            await pip.InstallAsync(plan.Install, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is now true: the interpreter's record, the complete stamp, the build key.</summary>
    private async Task<ProvisionedEnv> RecordAsync(EnvWork work, InterpreterRecord? record, bool writeStamp, CancellationToken cancellationToken)
    {
        var (spec, store) = (work.Spec, work.Store);
        var disk = EnvReader.Read(spec.Prefix, verifyFiles: false);
        if (record is null || record.Interpreter != work.Interpreter || !record.IsCurrent() || record.HandOff is null || !File.Exists(store.InterpreterPath))
        {
            var fingerprint = FileFingerprint.Of(work.Interpreter.Executable)
                ?? throw new M1EnvException(ErrorCodes.FileSystemError, $"The interpreter {work.Interpreter.Executable} disappeared while the environment '{spec.Name}' was being made.");
            var handOff = record is not null && record.Interpreter == work.Interpreter && record.Fingerprint == fingerprint && record.HandOff is not null
                ? record.HandOff
                : await new HandOffProbe(runner).ReadAsync(VenvLayout.PythonPath(spec.Prefix), cancellationToken).ConfigureAwait(false);
            record = new InterpreterRecord(work.Interpreter, fingerprint, handOff);
            store.WriteInterpreter(record);
        }

        if (writeStamp)
        {
            var installed = disk.Distributions.Select(d => new StampedDistribution(d.Name, d.Version)).ToArray();
            store.Write(work.Stamp(complete: true, created: true, spec.PipPackages.Select(ToStamped), installed));
        }

        var recorded = record.HandOff;
        var env = new ProvisionedEnv(
            spec.Name,
            spec.Prefix,
            VenvLayout.PythonPath(spec.Prefix),
            work.SpecHash,
            work.Interpreter.Executable,
            work.Interpreter.Version,
            recorded?.PythonLibrary ?? string.Empty,
            recorded?.Stdlib ?? string.Empty,
            disk.SitePackages ?? recorded?.SitePackages ?? string.Empty);
        if (options.BuildKey is not null)
        {
            store.WriteBuildKey(BuildKey.Create(options.BuildKey, work.SpecHash, PathIdentity.RealPath(work.Interpreter.Executable), WatchedDirectories(disk, spec), env));
        }

        return env;
    }

    /// <summary>
    /// The folders whose entries change when a package is installed, removed or re-pinned by hand
    /// (the prefix, bin, site-packages), and the top-level folders of the declared packages, where
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

        var declared = spec.PipPackages.Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        foreach (var directory in disk.Distributions.Where(d => declared.Contains(d.Name)).SelectMany(d => d.TopLevelDirectories))
        {
            yield return directory;
        }
    }

    private static IEnumerable<StampedPackage> PreviousAndCurrent(EnvStamp? previous, EnvSpec spec) =>
        (previous?.PipPackages ?? [])
            .Concat(spec.PipPackages.Select(ToStamped))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.Last());

    private static StampedPackage ToStamped(PipRequirement requirement) => new(requirement.NormalizedName, requirement.ToRequirementString());

    private static string Count(int n) => n == 1 ? "1 package" : $"{n} packages";

    /// <summary>The facts of one provisioning run that every stamp it writes repeats.</summary>
    private sealed record EnvWork(EnvSpec Spec, EnvOwner Owner, string RealPrefix, PythonInterpreter Interpreter, string SpecHash, string ToolVersion, StampStore Store)
    {
        public EnvStamp Stamp(bool complete, bool created, IEnumerable<StampedPackage> packages, IEnumerable<StampedDistribution> installed) =>
            new(EnvStamp.CurrentSchema, complete, created, ToolVersion, SpecHash, Owner, RealPrefix, Spec.Python.ToString(), Interpreter,
                SpecHasher.HashSources(Spec.Sources), packages.ToArray(), installed.ToArray());
    }
}
