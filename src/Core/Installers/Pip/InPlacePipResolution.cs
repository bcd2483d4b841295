using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Inspection;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// This machine's resolution of a changed lock, made by installing the change into the env: pip,
/// holding every other locked package at its version, installs what the change needs and reports it.
/// The resolution is then what the declared packages need on disk afterwards, each as the file pip
/// just installed or, for what was there already, the file the lock recorded for it. Where some
/// package is neither (installed by hand, say), there is no resolution and the caller resolves as usual.
/// The strategy <see cref="Locking.PipLockStrategy.InstallWithReport"/> of a pending lock (<see cref="PendingPipLock"/>), run when the build applies its plan.
/// </summary>
public sealed class InPlacePipResolution(ProcessRunner runner, IProvisionLog log)
{
    /// <summary>Whether the change can be resolved this way: extras pull in packages the disk's dependency records leave out.</summary>
    public static bool Applies(EnvSpec spec) => spec.PipPackages.All(p => p.Extras.Count == 0);

    /// <param name="prefix">The env's folder, read back after pip ran.</param>
    /// <param name="envPython">The env's own interpreter, which pip installs into.</param>
    /// <param name="existing">The lock before the change; null for a new lock of a new env.</param>
    /// <param name="pins">The locked versions pip keeps.</param>
    /// <param name="target">This machine's interpreter, to pick the files the lock recorded.</param>
    /// <param name="launcher">The pip that installs (the interpreter's bundled wheel): never the env's own, which the change may replace.</param>
    /// <returns>Null when pip found no versions that fit the pins (the env is unchanged) or what is installed cannot all be located.</returns>
    public async Task<PipResolution?> ResolveAsync(
        EnvSpec spec,
        string prefix,
        string envPython,
        PyLock? existing,
        IReadOnlyDictionary<string, string> pins,
        TargetEnvironment target,
        PipLauncher launcher,
        CancellationToken cancellationToken)
    {
        log.Step(existing is null
            ? $"Installing the packages of '{spec.Name}', which also resolves its lock for {target.Platform}..."
            : $"Installing the change into '{spec.Name}', which also resolves its lock for {target.Platform}...");
        PipResolution installed;
        try
        {
            installed = await new PipResolver(runner, envPython, spec.Sources, launcher: launcher).InstallAsync(spec.PipPackages, pins, cancellationToken).ConfigureAwait(false);
        }
        catch (M1EnvException exception) when (pins.Count > 0 && exception.ToolOutput.Any(line => line.Contains("ResolutionImpossible", StringComparison.Ordinal)))
        {
            return null;
        }

        var disk = EnvReader.Read(prefix, verifyFiles: false);
        var recorded = (existing is null ? [] : PyLockSelector.Select(existing, target)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var declared = spec.PipPackages.Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        var lockDirectory = Path.GetDirectoryName(Path.GetFullPath(spec.PipLockFile))!;
        var artifacts = new List<ResolvedArtifact>();
        foreach (var distribution in Needed(declared, disk))
        {
            if (installed.Find(distribution.Name) is { } fresh && fresh.Version == distribution.Version)
            {
                artifacts.Add(fresh);
            }
            else if (recorded.TryGetValue(distribution.Name, out var locked) && locked.Version == distribution.Version)
            {
                artifacts.Add(FromLock(locked, distribution, declared.Contains(distribution.Name), lockDirectory));
            }
            else
            {
                log.Detail($"{distribution.DisplayName} {distribution.Version} is in '{spec.Name}' but neither pip's report nor the lock has its file: resolving the lock as usual.");
                return null;
            }
        }

        return new PipResolution([.. artifacts.OrderBy(a => a.Name, StringComparer.Ordinal)], installed.Environment)
        {
            InstalledNow = installed.Artifacts.Select(a => a.Name).ToArray(),
        };
    }

    /// <summary>The declared distributions and, transitively, the installed ones they require.</summary>
    private static IEnumerable<InstalledDistribution> Needed(IEnumerable<string> declared, InstalledEnv disk)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(declared);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name) || disk.Find(name) is not { } distribution)
            {
                continue;
            }

            yield return distribution;
            foreach (var required in distribution.Requires)
            {
                pending.Enqueue(required);
            }
        }
    }

    /// <summary>The file the lock recorded, as a resolution's artifact; its dependencies are the installed copy's.</summary>
    private static ResolvedArtifact FromLock(SelectedArtifact locked, InstalledDistribution distribution, bool requested, string lockDirectory)
    {
        var file = locked.Artifact;
        var url = file.Url ?? new Uri(Path.GetFullPath(Path.Combine(lockDirectory, file.Path!))).AbsoluteUri;
        return new ResolvedArtifact(distribution.Name, distribution.Version, url, file.FileName, file.Sha256, file.IsWheel, requested, distribution.Requires);
    }
}
