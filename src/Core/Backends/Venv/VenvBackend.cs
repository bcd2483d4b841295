using System.Collections.Concurrent;
using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Inspection;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Locking;
using M1Env.Core.Packaging;
using M1Env.Core.Python;
using M1Env.Core.Python.Managed;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Backends.Venv;

/// <summary>
/// A plain venv made with the standard library's <c>venv</c> module from a CPython found on the
/// machine. Its base interpreter is known from the record of its file, without a process, until
/// that file changes.
/// </summary>
/// <param name="managedPythons">Where managed CPython builds come from (M1EnvPythonPreference and its fellows); null for the machine's interpreters only.</param>
public sealed class VenvBackend(
    ProcessRunner runner, IProvisionLog log, PythonCandidateSources candidateSources, PipSeeds seeds, ProbeMemo probes, KeptVenvs venvs, InstallsUnderWay underWay,
    ManagedPythonSettings? managedPythons = null) : IEnvBackend
{
    /// <summary>The interpreters (with their pip wheel) whose own pip was found not to be the wheel's, by this backend (one env's provisioning).</summary>
    private readonly ConcurrentDictionary<(string Wheel, string Executable), bool> notTheWheelsPip = new();

    public PrefixFacts Inspect(string prefix) => PrefixFacts.Inspect(prefix, VenvLayout.LooksLikeVenv);

    public InstalledEnv Read(string prefix, bool verifyFiles) => EnvReader.Read(prefix, verifyFiles);

    public string PythonPath(string prefix) => VenvLayout.PythonPath(prefix);

    public async Task<PythonInterpreter?> ChooseInterpreterAsync(EnvSpec spec, InterpreterRecord? record, InstalledEnv disk, bool mayInstall, CancellationToken cancellationToken)
    {
        var selector = Selector();
        // The interpreter this env was made from, when its file is unchanged and it still fits: no process.
        if (record is not null && disk.Config is not null && spec.Python.IsSatisfiedBy(record.Interpreter.ParsedVersion) && record.IsCurrent()
            && (selector?.Allows(record.Interpreter.Executable) ?? true))
        {
            return record.Interpreter;
        }

        log.Step($"Finding CPython {spec.Python} for environment '{spec.Name}'...");
        return selector is not null
            ? await selector.SelectAsync(spec.Python, cancellationToken, preferred: disk.Config?.Executable, mayInstall: mayInstall).ConfigureAwait(false)
            : await Locator().LocateAsync(spec.Python, cancellationToken, preferred: disk.Config?.Executable).ConfigureAwait(false);
    }

    private PythonLocator Locator() => new(candidateSources, new InterpreterProbe(runner, probes), log);

    private PythonSelector? Selector() =>
        managedPythons is null ? null : new PythonSelector(Locator(), candidateSources, new InterpreterProbe(runner, probes), new ManagedPythons(runner, log), managedPythons, log);

    public IReadOnlyList<LockAssessment> AssessLock(EnvSpec spec) => HasLock(spec) ? [PipLockStage.Assess(spec)] : [];

    /// <summary>
    /// A venv's lock is its PEP 751 file, resolved with the base interpreter's pip (a dry run), or, for
    /// this machine, left pending for the pip run that installs into the env (see <see cref="InPlacePipResolution"/>).
    /// </summary>
    public async Task<EnvLock?> LockAsync(EnvSpec spec, PythonInterpreter? interpreter, TargetEnvironment? knownTarget, EnvInPlaceState inPlace, bool resolve, CancellationToken cancellationToken)
    {
        if (interpreter is null || !HasLock(spec))
        {
            return null;
        }

        // Only where pip can run in the env: one whose pip was uninstalled by hand gets it back by the usual path.
        var installsInto = inPlace switch
        {
            EnvInPlaceState.Kept when PipSelfInstall.HasOwnPip(spec.Prefix) => inPlace,
            EnvInPlaceState.ToBeMade when await HasPipOnceMadeAsync(spec, interpreter, cancellationToken).ConfigureAwait(false) => inPlace,
            _ => (EnvInPlaceState?)null,
        };
        var step = await new PipLockStage(runner, log, probes).LockAsync(spec, interpreter, knownTarget, cancellationToken, installsInto: installsInto, resolve: resolve).ConfigureAwait(false);
        return step switch
        {
            { Locked: { } pip } => new EnvLock(pip.Pin(spec), [pip.LockFile], pip),
            { Pending: { } pending } => new EnvLock(spec, [spec.PipLockFile], null, pending),
            _ => null,
        };
    }

    /// <summary>None until a package is declared or a lock is there: an empty venv has nothing to lock.</summary>
    private static bool HasLock(EnvSpec spec) => spec.PipLockFile.Length > 0 && (spec.PipPackages.Count > 0 || File.Exists(spec.PipLockFile));

    /// <summary>A venv needs nothing beyond the interpreter, which is found before planning.</summary>
    public Task PrepareAsync(EnvSpec spec, EnvPlan plan, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<PythonInterpreter> CreateAsync(EnvSpec spec, PythonInterpreter? interpreter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interpreter);
        log.Step($"Creating venv '{spec.Name}' at {spec.Prefix} with CPython {interpreter.Version}...");

        // Without pip when the interpreter's own pip wheel is at hand: ensurepip is a whole pip run of
        // its own (most of a fresh env's time). The env then gets the copy of that wheel's pip kept by
        // an earlier env, or, the first time, the first install runs pip from the wheel and installs
        // pip into the env along with the packages. Otherwise with pip, from ensurepip.
        var wheel = PipSelfInstall.Wheel(spec, interpreter);
        await MakeAsync(spec, interpreter, wheel is not null ? ["--without-pip"] : [], cancellationToken).ConfigureAwait(false);
        if (wheel is not null)
        {
            await KeepInterpretersPipAsync(wheel, interpreter, cancellationToken).ConfigureAwait(false);
        }

        if (wheel is not null && EnvReader.SitePackagesOf(spec.Prefix) is { } sitePackages
            && seeds.TryPlant(wheel, interpreter.ParsedVersion, spec.Prefix, sitePackages, PythonPath(spec.Prefix)))
        {
            log.Detail($"Linked pip into '{spec.Name}' from {seeds.FolderFor(wheel, interpreter.ParsedVersion)}.");
        }

        return interpreter;
    }

    /// <summary>
    /// Makes the venv with the venv module, or copies the one it made for an earlier env of this
    /// interpreter (<see cref="KeptVenvs"/>): no process. The first env of an interpreter makes the
    /// kept one, then copies it, which is one process as before.
    /// </summary>
    private async Task MakeAsync(EnvSpec spec, PythonInterpreter interpreter, string[] options, CancellationToken cancellationToken)
    {
        // Only without pip: ensurepip writes the env's path into pip's launchers, which are not text.
        if (options.Contains("--without-pip") && KeptVenvs.CanCopyTo(spec.Prefix, spec.Name)
            && await KeptVenvKeyAsync(interpreter, options, cancellationToken).ConfigureAwait(false) is { } key)
        {
            if (!venvs.Has(key))
            {
                await KeepVenvAsync(interpreter, key, options, cancellationToken).ConfigureAwait(false);
            }

            if (venvs.TryCopy(key, spec.Prefix, spec.Name))
            {
                return;
            }
        }

        var result = await RunVenvAsync(interpreter, spec.Prefix, spec.Name, options, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || !VenvLayout.LooksLikeVenv(spec.Prefix))
        {
            throw VenvFailure.Explain(result, interpreter, spec.Prefix);
        }
    }

    /// <summary>Makes the venv to keep; an env of this build that needs it too waits for it rather than making its own.</summary>
    private async Task KeepVenvAsync(PythonInterpreter interpreter, string key, string[] options, CancellationToken cancellationToken)
    {
        using var claim = underWay.Claim([Path.Combine("venvs", key)]);
        if (claim.Mine.Count == 0)
        {
            await claim.OthersDoneAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (venvs.Draft(key) is not { } draft)
        {
            return;
        }

        var made = await RunVenvAsync(interpreter, draft.Prefix, draft.Prompt, options, cancellationToken).ConfigureAwait(false);
        if (made.Succeeded && VenvLayout.LooksLikeVenv(draft.Prefix))
        {
            venvs.Keep(draft);
        }
        else
        {
            Leftovers.DeleteFolder(draft.Folder);
        }
    }

    // -I -S: the standard library's venv needs neither the environment's PYTHON* settings nor site's
    // .pth files, whose imports (setuptools' among them) cost most of the process; the venv is the same.
    private Task<ProcessResult> RunVenvAsync(PythonInterpreter interpreter, string prefix, string prompt, string[] options, CancellationToken cancellationToken) =>
        runner.RunAsync(interpreter.Executable, ["-I", "-S", "-m", "venv", "--prompt", prompt, .. options, prefix], streamToLog: true, cancellationToken);

    /// <summary>The kept venv's key, from the interpreter's probe (kept too): none for a launcher such as a shim, which may run another interpreter tomorrow.</summary>
    private async Task<string?> KeptVenvKeyAsync(PythonInterpreter interpreter, string[] options, CancellationToken cancellationToken)
    {
        var probe = await ProbeAsync(interpreter, cancellationToken).ConfigureAwait(false);
        var key = probe is { RunsItself: true, HandOff.Stdlib: { } stdlib } ? venvs.KeyFor(interpreter.Executable, Path.Combine(stdlib, "venv"), options) : null;
        if (key is null)
        {
            log.Detail($"No venv is kept for {interpreter.Executable}: {(probe.RunsItself ? "its venv module was not found, or the tools folder's path needs quoting" : "it is a launcher that picks an interpreter")}.");
        }

        return key;
    }

    /// <summary>The base interpreter's probe: kept across builds, and asked once per build for all its envs.</summary>
    private Task<ProbeResult> ProbeAsync(PythonInterpreter interpreter, CancellationToken cancellationToken) =>
        new InterpreterProbe(runner, probes).ProbeAsync(interpreter.Executable, cancellationToken);

    public async Task<EnvHandOff> HandOffAsync(EnvSpec spec, PythonInterpreter interpreter, CancellationToken cancellationToken)
    {
        // A venv runs its base interpreter, so the probe that found it (once per build for all its envs) answers, but for site-packages.
        var probe = await ProbeAsync(interpreter, cancellationToken).ConfigureAwait(false);
        return probe.HandOff is { } handOff && EnvReader.SitePackagesOf(spec.Prefix) is { } sitePackages
            ? handOff with { SitePackages = sitePackages }
            : await new HandOffProbe(runner).ReadAsync(PythonPath(spec.Prefix), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The venv will have a pip as soon as it is made: from ensurepip, or from a kept seed.</summary>
    private async Task<bool> HasPipOnceMadeAsync(EnvSpec spec, PythonInterpreter interpreter, CancellationToken cancellationToken) =>
        PipSelfInstall.Wheel(spec, interpreter) is not { } wheel || await KeepInterpretersPipAsync(wheel, interpreter, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Whether pip from <paramref name="wheel"/> is kept: by an earlier env, or now from the
    /// interpreter's own site-packages when it holds exactly that pip (<see cref="PipSeeds.TryKeepFromInterpreter"/>).
    /// </summary>
    private async Task<bool> KeepInterpretersPipAsync(string wheel, PythonInterpreter interpreter, CancellationToken cancellationToken)
    {
        if (seeds.Has(wheel, interpreter.ParsedVersion))
        {
            return true;
        }

        // Judged once: a pip that is not the wheel's is hashed up to its first changed file, and the lock and the env's creation both ask.
        if (notTheWheelsPip.ContainsKey((wheel, interpreter.Executable)))
        {
            return false;
        }

        var probe = await ProbeAsync(interpreter, cancellationToken).ConfigureAwait(false);
        if (probe is not { RunsItself: true, HandOff.SitePackages: { } sitePackages }
            || !seeds.TryKeepFromInterpreter(wheel, interpreter.ParsedVersion, interpreter.Executable, sitePackages))
        {
            notTheWheelsPip.TryAdd((wheel, interpreter.Executable), true);
            return false;
        }

        log.Detail($"Kept the pip that {interpreter.Executable} holds in {sitePackages}: it is the one its wheel installs.");
        return true;
    }

    public string Noun => "venv";

    /// <summary>A venv has no package manager of its own: pip's layer is all it holds.</summary>
    public NativePlan PlanNative(EnvSpec spec, EnvStamp? stamp, InstalledEnv disk) => NativePlan.None;

    public IEnumerable<string> DescribeNative(EnvSpec spec, EnvPlan plan) => [];

    public Task ApplyNativeAsync(EnvSpec spec, EnvPlan plan, CancellationToken cancellationToken) =>
        plan.ChangesCondaPackages
            ? throw new InvalidOperationException($"A venv has no conda packages, yet the plan for '{spec.Name}' changes some.")
            : Task.CompletedTask;
}
