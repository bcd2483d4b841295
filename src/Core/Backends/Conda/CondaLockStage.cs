using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Locking;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.Spec;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Before a conda env's packages are planned: read its explicit lock files (one per platform),
/// decide (install, resolve again, or fail in locked mode), resolve what changed with conda's dry
/// run and write the files, then return this machine's lock. conda runs only to resolve.
/// </summary>
/// <param name="locateConda">Finds conda (or installs Miniforge); called only when something must be resolved.</param>
/// <param name="resolveCache">The package cache the dry runs use (see <see cref="CondaLockResolver"/>).</param>
public sealed class CondaLockStage(ProcessRunner runner, IProvisionLog log, Func<CancellationToken, Task<CondaTool>> locateConda, string resolveCache)
{
    /// <summary>The lock against the declaration, from the files alone.</summary>
    public static LockAssessment Assess(EnvSpec spec) => Read(spec).Assessment;

    public async Task<CondaLockFiles> PrepareAsync(EnvSpec spec, CancellationToken cancellationToken)
    {
        var (current, platforms, files, existing, stale, assessment) = Read(spec);
        var names = platforms.ToDictionary(p => p.Name, p => p, StringComparer.Ordinal);
        if (assessment.Decide(spec.Lock) == LockAction.Resolve)
        {
            var tool = await locateConda(cancellationToken).ConfigureAwait(false);
            var resolver = new CondaLockResolver(runner, log, tool, resolveCache);
            var again = spec.Lock.Relock || spec.Lock.Update.Count > 0 ? platforms : stale;
            foreach (var platform in again)
            {
                var previous = existing.GetValueOrDefault(platform);
                var declaredSpecs = DeclaredSpecs(spec, platform);
                var specs = Free(CondaLockUpdate.Specs(declaredSpecs, spec.Lock.Relock ? null : previous), declaredSpecs, spec.Lock.Update);
                var resolved = await resolver.ResolveAsync(spec.Name, spec.Channels, specs, platform, cancellationToken, declaredSpecs).ConfigureAwait(false);
                CondaLockWriter.WriteFile(resolved, files[platform]);
                var changes = Describe(previous, resolved);
                log.Step(changes.Count == 0
                    ? $"The conda lock {Path.GetFileName(files[platform])} keeps the same packages."
                    : $"The conda lock {Path.GetFileName(files[platform])} changed: {string.Join(", ", changes)}.");
                existing[platform] = resolved;
            }
        }

        return new CondaLockFiles(
            files[current],
            existing[current],
            platforms.Select(p => files[p]).ToArray(),
            names.ToDictionary(n => n.Key, n => existing[n.Value], StringComparer.Ordinal));
    }

    private static (LockPlatform Current, LockPlatform[] Platforms, Dictionary<LockPlatform, string> Files, Dictionary<LockPlatform, CondaLock> Existing, LockPlatform[] Stale, LockAssessment Assessment) Read(EnvSpec spec)
    {
        var current = CurrentPlatform(spec);
        var platforms = LockPlatform.ParseAll(spec.Lock.Platforms).Append(current).Distinct().ToArray();
        var files = platforms.ToDictionary(p => p, p => CondaLockFiles.PathFor(spec.LockFile, p.CondaSubdir));
        var existing = files.Where(f => File.Exists(f.Value)).ToDictionary(f => f.Key, f => CondaLockReader.ReadFile(f.Value));
        var declaredSpecs = DeclaredSpecs(spec, current);

        // What the declaration changed is told against this machine's lock, or any platform's, and against
        // what the declaration asks of that platform: a platform's lock holds only the packages for it.
        var reference = existing.ContainsKey(current) ? current : existing.Keys.FirstOrDefault();
        var difference = reference is null
            ? LockDifference.Between(ByName(declaredSpecs), new Dictionary<string, string>())
            : LockDifference.Between(ByName(DeclaredSpecs(spec, reference)), ByName(existing[reference].DeclaredSpecs));
        var missing = platforms.Where(p => !existing.ContainsKey(p)).Select(p => p.CondaSubdir).ToArray();
        var stale = platforms.Where(p => !existing.TryGetValue(p, out var found) || !CondaLockUpdate.IsCurrent(found, DeclaredSpecs(spec, p))).ToArray();
        if (stale.Length > 0 && difference.IsEmpty && missing.Length == 0)
        {
            // The platforms' files disagree with each other (one was edited or checked out alone).
            difference = LockDifference.Between(ByName(DeclaredSpecs(spec, stale[0])), ByName(existing[stale[0]].DeclaredSpecs));
        }

        return (current, platforms, files, existing, stale, new LockAssessment(files[current], existing.ContainsKey(current), difference, missing));
    }

    /// <summary>The specs a platform's lock records: the Python pin and every declared conda package that applies there, sorted.</summary>
    public static IReadOnlyList<string> DeclaredSpecs(EnvSpec spec, LockPlatform platform) =>
        new[] { CondaArguments.PythonSpec(spec.Python) }
            .Concat((platform == LockPlatform.Current ? spec.CondaPackages : spec.DeclaredCondaPackages.Where(p => p.AppliesOn.AppliesTo(platform, PythonOf(spec))))
                .Select(p => p.ToMatchSpec()))
            .Order(StringComparer.Ordinal)
            .ToArray();

    // Conda packages carry no markers, so only Platforms decides and the Python's version never counts.
    private static string PythonOf(EnvSpec spec) => spec.Python.ToString();

    private static LockPlatform CurrentPlatform(EnvSpec spec) =>
        LockPlatform.Current
            ?? throw new M1EnvException(ErrorCodes.LockMissingPlatform,
                $"Environment '{spec.Name}': this machine is none of the platforms M1Env locks conda envs for ({LockPlatform.KnownNames}), so its lock cannot hold it.");

    /// <summary>M1EnvLockUpdate's packages go back to their declared spec, free to move.</summary>
    private static IReadOnlyList<string> Free(IReadOnlyList<string> specs, IReadOnlyList<string> declaredSpecs, IReadOnlyList<string> update)
    {
        if (update.Count == 0)
        {
            return specs;
        }

        var names = update.ToHashSet(StringComparer.Ordinal);
        var declared = declaredSpecs.ToDictionary(CondaInstallOrder.SpecName, StringComparer.Ordinal);
        return specs.Select(s => names.Contains(CondaInstallOrder.SpecName(s)) ? declared[CondaInstallOrder.SpecName(s)] : s).ToArray();
    }

    private static Dictionary<string, string> ByName(IEnumerable<string> specs) =>
        specs.ToDictionary(CondaInstallOrder.SpecName, s => s.Trim(), StringComparer.Ordinal);

    private static IReadOnlyList<string> Describe(CondaLock? before, CondaLock after) =>
        LockChanges.Describe(Builds(before?.Packages ?? []), Builds(after.Packages));

    private static Dictionary<string, string> Builds(IEnumerable<CondaLockedPackage> packages) =>
        packages.ToDictionary(p => p.Name, p => $"{p.Version}={p.Build}", StringComparer.Ordinal);
}
