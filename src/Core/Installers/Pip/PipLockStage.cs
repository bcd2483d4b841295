using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Locking;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Packaging.Versions;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// Before an env's pip packages are planned: read its lock, decide (install it, resolve again, or fail in
/// locked mode), resolve what changed for every lock platform and write the lock, then pick this
/// machine's artifacts. The result is what the env must hold, exactly, and how pip installs it; or,
/// where this machine's resolution comes from the build's install, a pending lock the build finishes.
/// </summary>
/// <param name="probes">Probe answers shared with the other envs of the build, or null.</param>
public sealed partial class PipLockStage(ProcessRunner runner, IProvisionLog log, ProbeMemo? probes = null)
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingName();

    /// <summary>The lock against the declaration, from the files alone.</summary>
    public static LockAssessment Assess(EnvSpec spec) => Read(spec).Assessment;

    /// <summary>Reads the lock, decides, resolves what changed with pip's dry run (never installing) and writes the lock, then picks this machine's artifacts.</summary>
    /// <param name="knownTarget">Which wheels <paramref name="python"/> takes, from its record; null to ask it.</param>
    /// <param name="provided">
    /// Per lock platform (by name), the packages another package manager puts in the env (a conda env's
    /// conda packages), normalised name to version: pip resolves around them (they are its
    /// constraints) and the lock leaves them out.
    /// </param>
    public async Task<LockedPackages> PrepareAsync(
        EnvSpec spec,
        PythonInterpreter python,
        TargetEnvironment? knownTarget,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? provided = null) =>
        (await LockAsync(spec, python, knownTarget, cancellationToken, provided).ConfigureAwait(false)).Locked
            ?? throw new InvalidOperationException("A pip lock stage told of no env to install into left its lock pending.");

    /// <summary>
    /// The lock phase of a build (or of a plan): reads the lock and decides. A lock installed as it is,
    /// pruned, or resolved by pip's dry run comes back locked; one whose resolution for this machine
    /// comes from the build's own changes comes back pending (<see cref="PendingPipLock"/>). Never installs.
    /// </summary>
    /// <param name="python">The interpreter that resolves; null when it is the env's own and the env is still to be made (the lock is then pending, <see cref="PipLockStrategy.OnceCreated"/>).</param>
    /// <param name="installsInto">
    /// Where the env stands, when pip will be able to install into it: a lock that must be resolved is
    /// then left pending (<see cref="PipLockStrategy.InstallWithReport"/>) where one <c>pip install --report</c> resolves it.
    /// </param>
    /// <param name="resolve">False for a plan: a lock that must be resolved by a dry run comes back neither locked nor pending, and nothing is written.</param>
    public async Task<PipLockStep> LockAsync(
        EnvSpec spec,
        PythonInterpreter? python,
        TargetEnvironment? knownTarget,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? provided = null,
        EnvInPlaceState? installsInto = null,
        bool resolve = true)
    {
        var read = Read(spec);
        LockAction action;
        try
        {
            action = read.Assessment.Decide(spec.Lock);
        }
        catch (M1EnvException) when (!resolve)
        {
            // A plan says why the build would fail (LockAssessment.Describe); it does not fail itself.
            return new PipLockStep(null, null);
        }

        if (python is null)
        {
            return new PipLockStep(null, new PendingPipLock(this, spec, read, knownTarget, provided, PipLockStrategy.OnceCreated));
        }

        if (action == LockAction.Install)
        {
            var target = await TargetAsync(python, knownTarget, cancellationToken).ConfigureAwait(false);
            return new PipLockStep(Select(spec, read.Existing!, target), null);
        }

        var pruned = OnlyRemoves(spec, read.Existing, read.Assessment) ? PyLockPruning.Prune(read.Existing!, read.Declared.Keys, read.Declared.Values.ToArray()) : null;
        if (pruned is null && installsInto is { } state && provided is null && ResolvesInPlace(spec, python)
            && (state == EnvInPlaceState.Kept ? read.Existing is not null && read.Assessment.MissingPlatforms.Count == 0 : read.Existing is null || read.Assessment.MissingPlatforms.Count == 0))
        {
            // Other platforms now, by dry run: their resolution can fail, and should before the env changes.
            var others = resolve
                ? await ResolvePlatformsAsync(spec, read, python, provided, Platforms(spec).Where(p => p != LockPlatform.Current), cancellationToken).ConfigureAwait(false)
                : new Dictionary<LockPlatform, PipResolution>();
            return new PipLockStep(null, new PendingPipLock(this, spec, read, knownTarget, provided, PipLockStrategy.InstallWithReport) { OtherPlatforms = others });
        }

        if (!resolve)
        {
            return new PipLockStep(null, null);
        }

        var here = await TargetAsync(python, knownTarget, cancellationToken).ConfigureAwait(false);
        // Nothing to resolve when the declaration only lost packages: what they alone needed leaves the lock with them.
        var lockFile = pruned ?? await ResolveAsync(spec, read, python, here, provided, inPlace: null, cancellationToken).ConfigureAwait(false);
        Write(spec, read.Existing, lockFile);
        return new PipLockStep(Select(spec, lockFile, here), null);
    }

    /// <summary>Finishes a pending lock (<see cref="PendingPipLock.FinishAsync"/>): resolves every platform, this machine's by the install where the strategy says so, and writes the lock.</summary>
    internal async Task<ResolvedLock> FinishAsync(PendingPipLock pending, InstallTarget env, CancellationToken cancellationToken)
    {
        var (spec, read) = (pending.Spec, pending.Read);
        var python = env.Interpreter
            ?? throw new InvalidOperationException($"The env '{spec.Name}' has no interpreter to finish its lock with.");
        var target = await TargetAsync(python, pending.KnownTarget, cancellationToken).ConfigureAwait(false);
        var action = read.Assessment.Decide(spec.Lock);
        if (action == LockAction.Install)
        {
            return new ResolvedLock(Select(spec, read.Existing!, target), []);
        }

        var inPlace = pending.Strategy == PipLockStrategy.InstallWithReport ? env : null;
        var installedNow = new List<string>();
        var lockFile = OnlyRemoves(spec, read.Existing, read.Assessment) && PyLockPruning.Prune(read.Existing!, read.Declared.Keys, read.Declared.Values.ToArray()) is { } pruned
            ? pruned
            : await ResolveAsync(spec, read, python, target, pending.Provided, inPlace, cancellationToken, installedNow, pending.OtherPlatforms).ConfigureAwait(false);
        Write(spec, read.Existing, lockFile);
        return new ResolvedLock(Select(spec, lockFile, target), installedNow);
    }

    private Task<TargetEnvironment> TargetAsync(PythonInterpreter python, TargetEnvironment? knownTarget, CancellationToken cancellationToken) =>
        knownTarget is not null
            ? Task.FromResult(knownTarget)
            : new TargetEnvironmentProbe(runner, probes).ProbeAsync(python.Executable, LockPlatform.Current?.Name ?? "this machine", cancellationToken);

    /// <summary>Every lock platform's resolution (but those in <paramref name="resolved"/>); this machine's by installing into <paramref name="inPlace"/> when given (falling back to the dry run when that yields none).</summary>
    private async Task<PyLock> ResolveAsync(
        EnvSpec spec,
        LockRead read,
        PythonInterpreter python,
        TargetEnvironment target,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? provided,
        InstallTarget? inPlace,
        CancellationToken cancellationToken,
        List<string>? installedNow = null,
        IReadOnlyDictionary<LockPlatform, PipResolution>? resolved = null)
    {
        var here = inPlace is null ? null : LockPlatform.Current;
        var resolutions = new Dictionary<LockPlatform, PipResolution>(resolved ?? new Dictionary<LockPlatform, PipResolution>());

        // Other platforms first: their resolution can fail, and should before the env changes.
        foreach (var (platform, resolution) in await ResolvePlatformsAsync(spec, read, python, provided, Platforms(spec).Where(p => p != here && !resolutions.ContainsKey(p)), cancellationToken).ConfigureAwait(false))
        {
            resolutions[platform] = resolution;
        }

        if (here is not null)
        {
            var pins = Pins(spec, read);
            var installed = await new InPlacePipResolution(runner, log).ResolveAsync(spec, inPlace!.Spec.Prefix, inPlace.Python, read.Existing, pins, target, PipLauncher.For(python), cancellationToken).ConfigureAwait(false);
            installedNow?.AddRange(installed?.InstalledNow ?? []);
            resolutions[here] = installed ?? await ResolveAsync(spec, python, here, pins, provided, cancellationToken).ConfigureAwait(false);
        }

        return PipLockBuilder.Build(spec.Name, read.Declared.Values.ToArray(), resolutions, Path.GetDirectoryName(spec.PipLockFile));
    }

    /// <summary>The platforms' resolutions by pip's dry run.</summary>
    private async Task<IReadOnlyDictionary<LockPlatform, PipResolution>> ResolvePlatformsAsync(
        EnvSpec spec,
        LockRead read,
        PythonInterpreter python,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? provided,
        IEnumerable<LockPlatform> platforms,
        CancellationToken cancellationToken)
    {
        var pins = Pins(spec, read);
        var resolutions = new Dictionary<LockPlatform, PipResolution>();
        foreach (var platform in platforms)
        {
            resolutions[platform] = await ResolveAsync(spec, python, platform, pins, provided, cancellationToken).ConfigureAwait(false);
        }

        return resolutions;
    }

    /// <summary>The locked versions a resolution keeps (all but what the declaration or M1EnvLockUpdate frees).</summary>
    private static IReadOnlyDictionary<string, string> Pins(EnvSpec spec, LockRead read) =>
        LockDecision.Pins(spec.Lock, read.Assessment.Difference, (read.Existing?.Packages ?? [])
            .Where(p => p.Marker is null && p.Version is not null)
            .ToDictionary(p => p.Name, p => p.Version!, StringComparer.Ordinal));

    private void Write(EnvSpec spec, PyLock? existing, PyLock lockFile)
    {
        PyLockWriter.WriteFile(spec.PipLockFile, lockFile, spec.Lock.PrivateHosts);
        var changes = LockChanges.Describe(existing, lockFile);
        log.Step(changes.Count == 0
            ? $"The lock {Path.GetFileName(spec.PipLockFile)} keeps the same packages."
            : $"The lock {Path.GetFileName(spec.PipLockFile)} changed: {string.Join(", ", changes)}.");
    }

    private static LockedPackages Select(EnvSpec spec, PyLock lockFile, TargetEnvironment target) =>
        new(spec.PipLockFile, PyLock.ContentHash(File.ReadAllBytes(spec.PipLockFile)), PyLockSelector.Select(lockFile, target), target);

    /// <summary>
    /// Whether a lock that must be resolved can be resolved for this machine by installing into the
    /// env: nothing asks to move locked packages (that is the dry run's job), no extras, and this
    /// machine's platform is the interpreter's own.
    /// </summary>
    private static bool ResolvesInPlace(EnvSpec spec, PythonInterpreter python) =>
        !spec.Lock.Relock && spec.Lock.Update.Count == 0 && spec.PipPackages.Count > 0 && InPlacePipResolution.Applies(spec)
        && LockPlatform.Current is { } current && PipResolveTarget.For(current, python) == PipResolveTarget.ThisPython;

    /// <summary>One platform's resolution, without installing; a change the locked versions cannot take frees them all.</summary>
    private async Task<PipResolution> ResolveAsync(
        EnvSpec spec,
        PythonInterpreter python,
        LockPlatform platform,
        IReadOnlyDictionary<string, string> pins,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? provided,
        CancellationToken cancellationToken)
    {
        // This machine installs what applies to it; another platform gets what applies there, to the Python that resolves.
        var requirements = platform == LockPlatform.Current
            ? spec.PipPackages
            : spec.DeclaredPipPackages.Where(p => p.AppliesOn.AppliesTo(platform, python.Version)).ToArray();
        if (requirements.Count == 0)
        {
            // Every pip package was removed (or none applies here): the lock stays, empty for it, so that is recorded like any change.
            return new PipResolution([], new Dictionary<string, string>());
        }

        log.Step($"Resolving the lock of '{spec.Name}' for {platform.Name}...");
        var launcher = PipLauncher.For(python);
        if (launcher.Wheel is null)
        {
            log.Detail($"{python.Executable} bundles no pip wheel (ensurepip): resolving with the environment's own pip, which needs pip 22.2 or later.");
        }

        var resolver = new PipResolver(runner, python.Executable, spec.Sources, launcher: launcher);
        var others = provided?.GetValueOrDefault(platform.Name) ?? new Dictionary<string, string>();
        PipResolution resolution;
        try
        {
            resolution = await resolver.ResolveAsync(requirements, PipResolveTarget.For(platform, python), WithProvided(pins, others), spec.Lock.Update, cancellationToken).ConfigureAwait(false);
        }
        catch (M1EnvException exception) when (pins.Count > 0 && exception.ToolOutput.Any(line => line.Contains("ResolutionImpossible", StringComparison.Ordinal)))
        {
            // The change needs other versions of locked packages: they move, as little as pip's resolver moves them.
            log.Step($"The locked versions of '{spec.Name}' do not fit the change for {platform.Name}: resolving again with every package free...");
            resolution = await resolver.ResolveAsync(requirements, PipResolveTarget.For(platform, python), WithProvided(new Dictionary<string, string>(), others), [], cancellationToken).ConfigureAwait(false);
        }

        return resolution with { Artifacts = resolution.Artifacts.Where(a => !others.ContainsKey(a.Name)).ToArray() };
    }

    /// <summary>The declaration only lost packages since the lock was written, and nothing asks to move the rest.</summary>
    private static bool OnlyRemoves(EnvSpec spec, PyLock? existing, LockAssessment assessment) =>
        existing is not null && assessment.Difference is { Added.Count: 0, Changed.Count: 0, Removed.Count: > 0 }
        && assessment.MissingPlatforms.Count == 0 && !spec.Lock.Relock && spec.Lock.Update.Count == 0;

    /// <summary>The pins, and every provided package at its version where pip can read that version as a pin.</summary>
    private static Dictionary<string, string> WithProvided(IReadOnlyDictionary<string, string> pins, IReadOnlyDictionary<string, string> provided)
    {
        var all = new Dictionary<string, string>(pins, StringComparer.Ordinal);
        foreach (var (name, version) in provided.Where(p => Pep440Version.TryParse(p.Value, out _)))
        {
            all[name] = version;
        }

        return all;
    }

    private static LockRead Read(EnvSpec spec)
    {
        var existing = File.Exists(spec.PipLockFile) ? PyLockReader.Read(spec.PipLockFile) : null;
        var declared = spec.DeclaredPipPackages.ToDictionary(p => p.NormalizedName, p => p.ToDeclaredString(), StringComparer.Ordinal);
        var locked = (existing?.M1Env?.Requirements ?? [])
            .Select(r => (Name: PackageNames.Normalize(LeadingName().Match(r).Value), Requirement: r))
            .Where(r => r.Name.Length > 0)
            .ToDictionary(r => r.Name, r => r.Requirement, StringComparer.Ordinal);
        var missing = Platforms(spec).Select(p => p.Name).Except(existing?.M1Env?.Platforms ?? [], StringComparer.Ordinal).ToArray();
        return new LockRead(existing, declared, new LockAssessment(spec.PipLockFile, existing is not null, LockDifference.Between(declared, locked), missing));
    }

    /// <summary>M1EnvLockPlatforms and this machine's platform, which a lock always covers so this build can install it.</summary>
    private static IReadOnlyList<LockPlatform> Platforms(EnvSpec spec) =>
        LockPlatform.ParseAll(spec.Lock.Platforms)
            .Concat(LockPlatform.Current is { } current ? [current] : Array.Empty<LockPlatform>())
            .Distinct()
            .ToArray();

    /// <summary>The lock as read, with the declaration it is judged against.</summary>
    internal sealed record LockRead(PyLock? Existing, Dictionary<string, string> Declared, LockAssessment Assessment);
}
