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
/// Before a venv's packages are planned: read its lock, decide (install it, resolve again, or fail in
/// locked mode), resolve what changed for every lock platform and write the lock, then pick this
/// machine's artifacts. The result is what the env must hold, exactly, and how pip installs it.
/// </summary>
/// <param name="probes">Probe answers shared with the other envs of the build, or null.</param>
public sealed partial class PipLockStage(ProcessRunner runner, IProvisionLog log, ProbeMemo? probes = null)
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingName();

    /// <summary>The lock against the declaration, from the files alone.</summary>
    public static LockAssessment Assess(EnvSpec spec) => Read(spec).Assessment;

    /// <param name="knownTarget">Which wheels <paramref name="python"/> takes, from its record; null to ask it.</param>
    /// <param name="provided">
    /// Per lock platform (by name), the packages another package manager puts in the env (a conda env's
    /// conda packages), normalised name to version: pip resolves around them (they are its
    /// constraints) and the lock leaves them out.
    /// </param>
    /// <param name="inPlace">
    /// The env the build provisions, when its pip can install into it (now or once made), or null: a
    /// lock that must be resolved is then resolved for this machine by installing into it (see
    /// <see cref="InPlacePipResolution"/>), and <see cref="LockedPip.InstalledInPlace"/> says so.
    /// </param>
    /// <returns>
    /// Null when the lock must be resolved and the env is still to be made (<see cref="EnvInPlaceState.ToBeMade"/>):
    /// it is then resolved once the env exists, by the pip run that installs into it (offer the new env as <see cref="EnvInPlaceState.JustMade"/>).
    /// </returns>
    public async Task<LockedPip?> PrepareAsync(
        EnvSpec spec,
        PythonInterpreter python,
        TargetEnvironment? knownTarget,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? provided = null,
        EnvInPlace? inPlace = null)
    {
        var (existing, declared, assessment) = Read(spec);
        var action = assessment.Decide(spec.Lock);
        if (action == LockAction.Resolve && inPlace is { State: EnvInPlaceState.ToBeMade } && provided is null && ResolvesInPlace(spec, python))
        {
            return null;
        }

        var current = LockPlatform.Current;
        var target = knownTarget ?? await new TargetEnvironmentProbe(runner, probes).ProbeAsync(python.Executable, current?.Name ?? "this machine", cancellationToken).ConfigureAwait(false);
        var lockFile = existing;
        var installedInPlace = false;
        IReadOnlyList<string> installedNow = [];
        if (action == LockAction.Resolve)
        {
            var pins = LockDecision.Pins(spec.Lock, assessment.Difference, (existing?.Packages ?? [])
                .Where(p => p.Marker is null && p.Version is not null)
                .ToDictionary(p => p.Name, p => p.Version!, StringComparer.Ordinal));
            if (OnlyRemoves(spec, existing, assessment) && PyLockPruning.Prune(existing!, declared.Keys, declared.Values.ToArray()) is { } pruned)
            {
                // Nothing to resolve: what the removed packages alone needed leaves the lock with them.
                lockFile = pruned;
            }
            else
            {
                var resolutions = new Dictionary<LockPlatform, PipResolution>();
                // A kept env holds packages the report will not name, so the old lock must have their files for this machine.
                var here = inPlace is { CanInstall: true } && provided is null && ResolvesInPlace(spec, python)
                    && (existing is not null ? assessment.MissingPlatforms.Count == 0 : inPlace.State == EnvInPlaceState.JustMade)
                    ? current
                    : null;

                // Other platforms first: their resolution can fail, and should before the env changes.
                foreach (var platform in Platforms(spec).OrderBy(p => p == here))
                {
                    var resolution = platform == here
                        ? await new InPlacePipResolution(runner, log).ResolveAsync(spec, inPlace!, existing, pins, target, PipLauncher.For(python), cancellationToken).ConfigureAwait(false)
                        : null;
                    installedInPlace |= platform == here;
                    installedNow = resolution?.InstalledNow ?? installedNow;
                    resolutions[platform] = resolution ?? await ResolveAsync(spec, python, platform, pins, provided, cancellationToken).ConfigureAwait(false);
                }

                lockFile = PipLockBuilder.Build(spec.Name, declared.Values.ToArray(), resolutions, Path.GetDirectoryName(spec.PipLockFile));
            }

            PyLockWriter.WriteFile(spec.PipLockFile, lockFile, spec.Lock.PrivateHosts);
            var changes = LockChanges.Describe(existing, lockFile);
            log.Step(changes.Count == 0
                ? $"The lock {Path.GetFileName(spec.PipLockFile)} keeps the same packages."
                : $"The lock {Path.GetFileName(spec.PipLockFile)} changed: {string.Join(", ", changes)}.");
        }

        var selected = PyLockSelector.Select(lockFile!, target);
        return new LockedPip(spec.PipLockFile, PyLock.ContentHash(File.ReadAllBytes(spec.PipLockFile)), selected, target) { InstalledInPlace = installedInPlace, InstalledNow = installedNow };
    }

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

    private static (PyLock? Existing, Dictionary<string, string> Declared, LockAssessment Assessment) Read(EnvSpec spec)
    {
        var existing = File.Exists(spec.PipLockFile) ? PyLockReader.Read(spec.PipLockFile) : null;
        var declared = spec.DeclaredPipPackages.ToDictionary(p => p.NormalizedName, p => p.ToDeclaredString(), StringComparer.Ordinal);
        var locked = (existing?.M1Env?.Requirements ?? [])
            .Select(r => (Name: PackageNames.Normalize(LeadingName().Match(r).Value), Requirement: r))
            .Where(r => r.Name.Length > 0)
            .ToDictionary(r => r.Name, r => r.Requirement, StringComparer.Ordinal);
        var missing = Platforms(spec).Select(p => p.Name).Except(existing?.M1Env?.Platforms ?? [], StringComparer.Ordinal).ToArray();
        return (existing, declared, new LockAssessment(spec.PipLockFile, existing is not null, LockDifference.Between(declared, locked), missing));
    }

    /// <summary>M1EnvLockPlatforms and this machine's platform, which a lock always covers so this build can install it.</summary>
    private static IReadOnlyList<LockPlatform> Platforms(EnvSpec spec) =>
        LockPlatform.ParseAll(spec.Lock.Platforms)
            .Concat(LockPlatform.Current is { } current ? [current] : Array.Empty<LockPlatform>())
            .Distinct()
            .ToArray();
}
