using System.Text.RegularExpressions;
using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.Pip;
using M1Env.Core.Processes;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Lock;

/// <summary>
/// Before a venv's packages are planned: read its lock, decide (install it, resolve again, or fail in
/// locked mode), resolve what changed for every lock platform and write the lock, then pick this
/// machine's artifacts. The result is what the env must hold, exactly, and how pip installs it.
/// </summary>
public sealed partial class PipLockStage(ProcessRunner runner, IProvisionLog log)
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
    public async Task<LockedPip> PrepareAsync(
        EnvSpec spec,
        PythonInterpreter python,
        TargetEnvironment? knownTarget,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? provided = null)
    {
        var (existing, declared, assessment) = Read(spec);
        var platforms = Platforms(spec);
        var difference = assessment.Difference;
        var lockFile = existing;
        if (assessment.Decide(spec.Lock) == LockAction.Resolve)
        {
            var pins = LockDecision.Pins(spec.Lock, difference, (existing?.Packages ?? [])
                .Where(p => p.Marker is null && p.Version is not null)
                .ToDictionary(p => p.Name, p => p.Version!, StringComparer.Ordinal));
            var resolver = new PipResolver(runner, python.Executable, spec.Sources);
            var resolutions = new Dictionary<LockPlatform, PipResolution>();
            foreach (var platform in platforms)
            {
                if (spec.PipPackages.Count == 0)
                {
                    // Every pip package was removed: the lock stays, empty, so removing them all is recorded like any change.
                    resolutions[platform] = new PipResolution([], new Dictionary<string, string>());
                    continue;
                }

                log.Step($"Resolving the lock of '{spec.Name}' for {platform.Name}...");
                var others = provided?.GetValueOrDefault(platform.Name) ?? new Dictionary<string, string>();
                PipResolution resolution;
                try
                {
                    resolution = await resolver.ResolveAsync(spec.PipPackages, PipResolveTarget.For(platform, python), WithProvided(pins, others), spec.Lock.Update, cancellationToken).ConfigureAwait(false);
                }
                catch (M1EnvException exception) when (pins.Count > 0 && exception.ToolOutput.Any(line => line.Contains("ResolutionImpossible", StringComparison.Ordinal)))
                {
                    // The change needs other versions of locked packages: they move, as little as pip's resolver moves them.
                    log.Step($"The locked versions of '{spec.Name}' do not fit the change for {platform.Name}: resolving again with every package free...");
                    resolution = await resolver.ResolveAsync(spec.PipPackages, PipResolveTarget.For(platform, python), WithProvided(new Dictionary<string, string>(), others), [], cancellationToken).ConfigureAwait(false);
                }

                resolutions[platform] = resolution with { Artifacts = resolution.Artifacts.Where(a => !others.ContainsKey(a.Name)).ToArray() };
            }

            lockFile = PipLockBuilder.Build(spec.Name, declared.Values.ToArray(), resolutions, Path.GetDirectoryName(spec.PipLockFile));
            PyLockWriter.WriteFile(spec.PipLockFile, lockFile, spec.Lock.PrivateHosts);
            var changes = LockChanges.Describe(existing, lockFile);
            log.Step(changes.Count == 0
                ? $"The lock {Path.GetFileName(spec.PipLockFile)} keeps the same packages."
                : $"The lock {Path.GetFileName(spec.PipLockFile)} changed: {string.Join(", ", changes)}.");
        }

        var current = LockPlatform.Current?.Name ?? "this machine";
        var target = knownTarget ?? await new TargetEnvironmentProbe(runner).ProbeAsync(python.Executable, current, cancellationToken).ConfigureAwait(false);
        var selected = PyLockSelector.Select(lockFile!, target);
        return new LockedPip(spec.PipLockFile, PyLock.ContentHash(File.ReadAllBytes(spec.PipLockFile)), selected, target);
    }

    /// <summary>The pins, and every provided package at its version where pip can read that version as a pin.</summary>
    private static Dictionary<string, string> WithProvided(IReadOnlyDictionary<string, string> pins, IReadOnlyDictionary<string, string> provided)
    {
        var all = new Dictionary<string, string>(pins, StringComparer.Ordinal);
        foreach (var (name, version) in provided.Where(p => Versions.Pep440Version.TryParse(p.Value, out _)))
        {
            all[name] = version;
        }

        return all;
    }

    private static (PyLock? Existing, Dictionary<string, string> Declared, LockAssessment Assessment) Read(EnvSpec spec)
    {
        var existing = File.Exists(spec.PipLockFile) ? PyLockReader.Read(spec.PipLockFile) : null;
        var declared = spec.PipPackages.ToDictionary(p => p.NormalizedName, p => p.ToRequirementString(), StringComparer.Ordinal);
        var locked = (existing?.M1Env?.Requirements ?? [])
            .Select(r => (Name: PackageNames.Normalize(LeadingName().Match(r).Value), Requirement: r))
            .Where(r => r.Name.Length > 0)
            .ToDictionary(r => r.Name, r => r.Requirement, StringComparer.Ordinal);
        var missing = Platforms(spec).Select(p => p.Name).Except(existing?.M1Env?.Platforms ?? [], StringComparer.Ordinal).ToArray();
        return (existing, declared, new LockAssessment(spec.PipLockFile, existing is not null, LockDifference.Between(declared, locked), missing));
    }

    /// <summary>M1EnvLockPlatforms and this machine's platform, which a lock always covers so this build can install it.</summary>
    private static IReadOnlyList<LockPlatform> Platforms(EnvSpec spec) =>
        spec.Lock.Platforms
            .Select(name => LockPlatform.TryParse(name, out var platform) ? platform : throw new ArgumentException(name))
            .Concat(LockPlatform.Current is { } current ? [current] : Array.Empty<LockPlatform>())
            .Distinct()
            .ToArray();
}
