using System.Diagnostics;
using M1Env.Core.Diagnostics;
using M1Env.Core.Pip;
using M1Env.Core.Planning;
using M1Env.Core.Processes;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;
using M1Env.Core.Venv;

namespace M1Env.Core.Provisioning;

/// <summary>
/// Brings one env in line with its spec: stamp -> plan -> apply -> stamp. The up-to-date check
/// reads two small files and starts no process; all work happens under the prefix lock, and the
/// complete stamp is written only after everything succeeded.
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
        var store = new StampStore(spec.Prefix);
        var unlockedStamp = store.Read();
        if (TryUpToDate(spec, unlockedStamp) is { } upToDate && BuildKeyIsCurrent(store, upToDate.SpecHash, unlockedStamp!.Interpreter))
        {
            return upToDate;
        }

        using var prefixLock = await PrefixLock.AcquireAsync(options.LocksDirectory, spec.Prefix, options.LockTimeout, log, cancellationToken).ConfigureAwait(false);

        // Another build may have finished this env while we waited.
        var stamp = store.Read();
        if (TryUpToDate(spec, stamp) is { } current)
        {
            RecordBuildKey(store, current.SpecHash, stamp!.Interpreter);
            return current;
        }

        var stopwatch = Stopwatch.StartNew();
        var facts = PrefixFacts.Inspect(spec.Prefix);
        var interpreter = await ChooseInterpreterAsync(spec, stamp, facts, cancellationToken).ConfigureAwait(false);
        var specHash = SpecHasher.Hash(spec, interpreter, options.ToolVersion);
        var plan = EnvPlanner.Plan(spec, interpreter, specHash, stamp, facts);
        foreach (var reason in plan.Reasons)
        {
            log.Detail($"{spec.Name}: {reason}");
        }

        await ApplyAsync(spec, plan, interpreter, specHash, stamp, store, cancellationToken).ConfigureAwait(false);

        store.Write(NewStamp(spec, interpreter, specHash, complete: true, spec.PipPackages.Select(ToStamped)));
        RecordBuildKey(store, specHash, interpreter);
        if (plan.Action != PlanAction.RefreshStamp)
        {
            log.Step($"Environment '{spec.Name}' is ready at {spec.Prefix} ({stopwatch.Elapsed.TotalSeconds:0.0} s).");
        }

        return new ProvisionResult(spec.Name, spec.Prefix, VenvLayout.PythonPath(spec.Prefix), specHash, plan.Action);
    }

    private ProvisionResult? TryUpToDate(EnvSpec spec, EnvStamp? stamp)
    {
        if (stamp is not { Complete: true }
            || stamp.PythonRequest != spec.Python.ToString()
            || !File.Exists(stamp.Interpreter.Executable)
            || !File.Exists(VenvLayout.PythonPath(spec.Prefix)))
        {
            return null;
        }

        var specHash = SpecHasher.Hash(spec, stamp.Interpreter, options.ToolVersion);
        return specHash == stamp.SpecHash
            ? new ProvisionResult(spec.Name, spec.Prefix, VenvLayout.PythonPath(spec.Prefix), specHash, PlanAction.UpToDate)
            : null;
    }

    private bool BuildKeyIsCurrent(StampStore store, string specHash, PythonInterpreter interpreter)
    {
        if (options.BuildKey is null)
        {
            return true;
        }

        try
        {
            return File.ReadAllText(store.BuildKeyPath) == StampStore.FormatBuildKey(options.BuildKey, specHash, interpreter.Executable);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void RecordBuildKey(StampStore store, string specHash, PythonInterpreter interpreter)
    {
        if (options.BuildKey is not null)
        {
            store.WriteBuildKey(options.BuildKey, specHash, interpreter.Executable);
        }
    }

    private async Task<PythonInterpreter> ChooseInterpreterAsync(EnvSpec spec, EnvStamp? stamp, PrefixFacts facts, CancellationToken cancellationToken)
    {
        // The interpreter recorded for this env still fits the request: reuse it without probing.
        if (stamp is not null && facts.IsVenv && stamp.PythonRequest == spec.Python.ToString() && File.Exists(stamp.Interpreter.Executable))
        {
            return stamp.Interpreter;
        }

        log.Step($"Finding CPython {spec.Python} for environment '{spec.Name}'...");
        var locator = new PythonLocator(candidateSources, new InterpreterProbe(runner), log);
        return await locator.LocateAsync(spec.Python, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyAsync(
        EnvSpec spec,
        EnvPlan plan,
        PythonInterpreter interpreter,
        string specHash,
        EnvStamp? previous,
        StampStore store,
        CancellationToken cancellationToken)
    {
        if (plan.Action is PlanAction.UpToDate or PlanAction.RefreshStamp)
        {
            return;
        }

        store.DeleteBuildKey();

        if (plan.CreatesEnv)
        {
            if (plan.Action == PlanAction.Recreate)
            {
                log.Step($"Recreating environment '{spec.Name}': {plan.Reasons[0]}.");
                VenvBackend.Delete(spec.Prefix);
            }

            log.Step($"Creating venv '{spec.Name}' at {spec.Prefix} with CPython {interpreter.Version}...");
            await new VenvBackend(runner).CreateAsync(interpreter, spec.Prefix, spec.Name, cancellationToken).ConfigureAwait(false);
            previous = null;
        }

        // Until the complete stamp replaces it, this one says "unfinished" and lists every package
        // that may be installed, so an interrupted build can be repaired, removals included.
        var mayBeInstalled = (previous?.PipPackages ?? [])
            .Concat(spec.PipPackages.Select(ToStamped))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.Last());
        store.Write(NewStamp(spec, interpreter, specHash, complete: false, mayBeInstalled));

        var pip = new PipClient(runner, VenvLayout.PythonPath(spec.Prefix), spec.Sources);
        if (plan.Uninstall.Count > 0)
        {
            log.Step($"Removing {Count(plan.Uninstall.Count)} from '{spec.Name}': {string.Join(", ", plan.Uninstall)}...");
            await pip.UninstallAsync(plan.Uninstall, cancellationToken).ConfigureAwait(false);
        }

        if (plan.Install.Count > 0)
        {
            log.Step($"Installing {Count(plan.Install.Count)} into '{spec.Name}': {string.Join(", ", plan.Install)}...");
            await pip.InstallAsync(plan.Install, cancellationToken).ConfigureAwait(false);
        }
    }

    private EnvStamp NewStamp(EnvSpec spec, PythonInterpreter interpreter, string specHash, bool complete, IEnumerable<StampedPackage> packages) =>
        new(EnvStamp.CurrentSchema, complete, options.ToolVersion, specHash, spec.Name, spec.Python.ToString(), interpreter, packages.ToArray());

    private static StampedPackage ToStamped(PipRequirement requirement) => new(requirement.NormalizedName, requirement.ToRequirementString());

    private static string Count(int n) => n == 1 ? "1 package" : $"{n} packages";
}
