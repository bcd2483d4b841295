using M1Env.Core.Inspection;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// The conda half of a plan, for an env that is sound as a whole: which declared specs to hand to
/// <c>conda install</c>, which damaged packages to reinstall, which packages to remove, each with a
/// reason. A venv declares and holds no conda packages, so its plan here is always empty.
/// </summary>
internal static class CondaPackagePlanner
{
    // What conda itself needs in every Python env: never removed for being undeclared.
    private static readonly HashSet<string> Foundation = new(StringComparer.Ordinal) { "python", "pip", "setuptools", "wheel" };

    public static NativePlan Plan(EnvSpec spec, EnvStamp? stamp, InstalledEnv disk)
    {
        var reasons = new List<string>();
        var details = new List<string>();
        var installed = new Dictionary<string, InstalledCondaPackage>(StringComparer.Ordinal);
        foreach (var package in disk.CondaPackages)
        {
            installed.TryAdd(package.Name, package);
        }

        var recorded = stamp is { Complete: true } ? stamp.CondaInstalled.ToDictionary(d => d.Name, d => d.Version, StringComparer.Ordinal) : null;
        var before = stamp?.CondaPackages.ToDictionary(p => p.Name, p => p.Requirement, StringComparer.Ordinal);
        var install = new List<CondaRequirement>();
        var repair = new List<StampedDistribution>();
        foreach (var package in spec.CondaPackages)
        {
            var old = before?.GetValueOrDefault(package.Name);
            var matchSpec = package.ToMatchSpec();
            var changed = old is not null && old != matchSpec;
            if (!installed.TryGetValue(package.Name, out var present))
            {
                install.Add(package);
                reasons.Add(changed ? $"conda: {old} changed to {matchSpec}"
                    : stamp is { Complete: true } && old is null ? $"conda: {matchSpec} was added"
                    : stamp is { Complete: true } ? $"conda: {matchSpec} is not installed any more (removed by hand?)"
                    : $"conda: {matchSpec} is not installed");
            }
            else if (!CondaVersionSpec.IsSatisfiedBy(package.Version, present.Version, present.Build))
            {
                install.Add(package);
                reasons.Add(changed ? $"conda: {old} changed to {matchSpec}"
                    : $"conda: {present.Name} {present.Version} is installed, which is not {matchSpec} (changed by hand?)");
            }
            else if (present.MissingFiles.Count > 0)
            {
                repair.Add(new StampedDistribution(present.Name, $"{present.Version}={present.Build}"));
                reasons.Add(DescribeDamage(present));
            }
            else if (changed)
            {
                // Not a step: conda installs nothing for it.
                details.Add($"conda: {old} changed to {matchSpec}; the installed {present.Version} satisfies it");
            }
        }

        var declared = spec.CondaPackages.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var package in installed.Values.Where(p => !declared.Contains(p.Name) && p.MissingFiles.Count > 0))
        {
            repair.Add(new StampedDistribution(package.Name, $"{package.Version}={package.Build}"));
            reasons.Add(DescribeDamage(package));
        }

        if (recorded is not null)
        {
            var missing = recorded.Keys.Where(name => !declared.Contains(name) && !installed.ContainsKey(name)).Order(StringComparer.Ordinal).ToArray();
            if (missing.Length > 0)
            {
                // conda restores what the declared specs need when it is given them again.
                reasons.Add($"conda: the dependencies {string.Join(", ", missing)} are missing (removed by hand?)");
                install = spec.CondaPackages.ToList();
            }
        }

        var remove = PlanRemovals(stamp, recorded, installed, declared, reasons, details);
        return new NativePlan(install, repair, remove, reasons, details, RecordMatches(stamp, disk));
    }

    /// <summary>Whether conda-meta holds what the stamp recorded, version and build.</summary>
    private static bool RecordMatches(EnvStamp? stamp, InstalledEnv disk)
    {
        var recorded = stamp?.CondaInstalled ?? [];
        var installed = disk.CondaPackages;
        return recorded.Count == installed.Count
            && installed.All(p => recorded.Any(r => r.Name == p.Name && r.Version == $"{p.Version}={p.Build}"));
    }

    private static IReadOnlyList<string> PlanRemovals(
        EnvStamp? stamp,
        Dictionary<string, string>? recorded,
        Dictionary<string, InstalledCondaPackage> installed,
        HashSet<string> declared,
        List<string> reasons,
        List<string> details)
    {
        var candidates = new Dictionary<string, string>(StringComparer.Ordinal);
        void Consider(string name, string reason)
        {
            if (!declared.Contains(name) && !Foundation.Contains(name) && installed.ContainsKey(name))
            {
                candidates.TryAdd(name, reason);
            }
        }

        foreach (var previous in stamp?.CondaPackages ?? [])
        {
            Consider(previous.Name, $"conda: {previous.Name} was removed from the declaration");
        }

        if (recorded is not null)
        {
            foreach (var package in installed.Values.Where(p => !recorded.ContainsKey(p.Name)))
            {
                Consider(package.Name, $"conda: {package.Name} {package.Version} is installed but neither declared nor a dependency (installed by hand?)");
            }
        }

        // conda removes what depends on a removed package too: keep whatever a remaining package needs.
        return RemovalCandidates.Settle(
            candidates,
            (name, removed) => installed.Values.FirstOrDefault(p => !removed.Contains(p.Name) && p.Depends.Any(d => DependencyName(d) == name))?.Name,
            reasons,
            details,
            "conda: ");
    }

    /// <summary>The package name of a conda dependency spec ("numpy >=1.21,&lt;2", "libblas 3.9.* *_openblas").</summary>
    internal static string DependencyName(string dependency) =>
        dependency.Split(' ', '=', '<', '>', '!', '~')[0].Split("::")[^1].ToLowerInvariant();

    private static string DescribeDamage(InstalledCondaPackage package) =>
        $"conda: {package.Name} {package.Version} is damaged ({package.MissingFiles[0]}" +
        (package.MissingFiles.Count > 1 ? $" and {package.MissingFiles.Count - 1} more files are missing" : " is missing") +
        "): reinstalling it";
}
