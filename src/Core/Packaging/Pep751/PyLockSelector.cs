using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging.Markers;
using M1Env.Core.Packaging.Versions;

namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// Chooses what to install from a lock for one interpreter, following PEP 751's installation steps, offline:
/// the lock's requires-python and environments must admit the interpreter, packages whose marker does not hold
/// are skipped, and of each remaining package the wheel whose best tag comes first in the interpreter's tag list
/// is taken; the sdist only where no wheel fits.
/// </summary>
public static class PyLockSelector
{
    /// <returns>One artifact per installed package, sorted by name.</returns>
    /// <exception cref="M1EnvException">
    /// <see cref="ErrorCodes.LockMissingPlatform"/> when the lock does not cover the interpreter or has no file for a
    /// package there; <see cref="ErrorCodes.LockFileInvalid"/> for a bad marker or two entries of one package.
    /// </exception>
    public static IReadOnlyList<SelectedArtifact> Select(PyLock lockFile, TargetEnvironment target)
    {
        CheckLockCoversTarget(lockFile, target);
        var tagRank = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < target.CompatibleTags.Count; i++)
        {
            tagRank.TryAdd(target.CompatibleTags[i], i);
        }

        var selected = new Dictionary<string, SelectedArtifact>(StringComparer.Ordinal);
        foreach (var package in lockFile.Packages)
        {
            if (package.Marker is { } marker && !Holds(marker, target, $"the marker of {package.Name}"))
            {
                continue;
            }

            if (package.RequiresPython is { } requiresPython && !Admits(requiresPython, target))
            {
                throw Missing(target, $"{package.Name} {package.Version} requires Python {requiresPython}; this interpreter is {target.Markers.PythonFullVersion}");
            }

            if (selected.ContainsKey(package.Name))
            {
                throw new M1EnvException(
                    ErrorCodes.LockFileInvalid,
                    $"The lock file has more than one entry of {package.Name} for {target.Platform}; their markers must exclude each other.");
            }

            var artifact = BestWheel(package, tagRank) ?? package.Sdist ?? throw Missing(
                target,
                $"no wheel of {package.Name} {package.Version} fits this interpreter (the lock has {string.Join(", ", package.Wheels.Select(w => w.FileName))})");
            selected[package.Name] = new SelectedArtifact(package.Name, package.Version, artifact);
        }

        return [.. selected.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    private static void CheckLockCoversTarget(PyLock lockFile, TargetEnvironment target)
    {
        if (lockFile.RequiresPython is { } requiresPython && !Admits(requiresPython, target))
        {
            throw Missing(target, $"the lock requires Python {requiresPython}; this interpreter is {target.Markers.PythonFullVersion}");
        }

        if (lockFile.Environments.Count > 0 && !lockFile.Environments.Any(e => Holds(e, target, "the lock's environments")))
        {
            throw Missing(target, $"none of the lock's environments holds ({string.Join("; ", lockFile.Environments)})");
        }
    }

    private static PyLockArtifact? BestWheel(PyLockPackage package, Dictionary<string, int> tagRank) =>
        package.Wheels
            .Select(wheel => (Wheel: wheel, Rank: WheelTags.Of(wheel.FileName).Select(tag => tagRank.GetValueOrDefault(tag, int.MaxValue)).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(candidate => candidate.Rank != int.MaxValue)
            .OrderBy(candidate => candidate.Rank)
            .ThenBy(candidate => candidate.Wheel.FileName, StringComparer.Ordinal)
            .Select(candidate => candidate.Wheel)
            .FirstOrDefault();

    private static bool Holds(string marker, TargetEnvironment target, string what)
    {
        try
        {
            return Marker.Parse(marker).Evaluate(target.Markers);
        }
        catch (MarkerException e)
        {
            throw new M1EnvException(ErrorCodes.LockFileInvalid, $"The lock file's {what} cannot be evaluated: {e.Message}.", inner: e);
        }
    }

    private static bool Admits(string requiresPython, TargetEnvironment target)
    {
        if (!Pep440SpecifierSet.TryParse(requiresPython, out var set, out var error))
        {
            throw new M1EnvException(ErrorCodes.LockFileInvalid, $"The lock file's requires-python '{requiresPython}' is not valid: {error}.");
        }

        return set!.Contains(target.Markers.PythonFullVersion);
    }

    private static M1EnvException Missing(TargetEnvironment target, string problem) =>
        new(ErrorCodes.LockMissingPlatform,
            $"The lock file does not cover {target.Platform}: {problem}. Add {target.Platform} to M1EnvLockPlatforms and write the lock again.");
}
