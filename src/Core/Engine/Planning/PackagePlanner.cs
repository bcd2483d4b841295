using M1Env.Core.Backends;
using M1Env.Core.Inspection;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Engine.Planning;

/// <summary>
/// The package half of a plan, for an env that is sound as a whole: what to install, reinstall,
/// remove, with a reason for each, from the declaration and what is really installed. The stamp
/// only adds what the disk cannot say: what was declared before, and what the env held after the
/// last build (so a package added or changed by hand is told from a dependency).
/// </summary>
internal static class PackagePlanner
{
    public static EnvPlan Plan(PlanInputs inputs)
    {
        var (spec, stamp, disk) = (inputs.Spec, inputs.Stamp, inputs.Disk);
        var recorded = stamp is { Complete: true } ? stamp.Installed.ToDictionary(d => d.Name, d => d.Version, StringComparer.Ordinal) : null;
        var installed = new Dictionary<string, InstalledDistribution>(StringComparer.Ordinal);
        foreach (var distribution in disk.Distributions)
        {
            installed.TryAdd(distribution.Name, distribution);
        }

        var reasons = new List<string>();
        var duplicates = DuplicateDistributions.Find(spec, recorded, disk.Distributions);
        foreach (var (name, kept) in duplicates.Kept)
        {
            installed[name] = kept;
        }

        reasons.AddRange(duplicates.Reasons);
        var leftovers = disk.Leftovers.ToArray();
        if (leftovers.Length > 0)
        {
            reasons.Add($"pip was interrupted and left {string.Join(", ", leftovers.Select(Path.GetFileName))} behind: removing it");
        }

        leftovers = [.. leftovers, .. duplicates.Delete];
        var details = new List<string>();
        var install = PlanDeclared(inputs, installed, reasons, details, out var reinstall);
        reinstall.AddRange(duplicates.Reinstall);
        if (DescribeDependencyProblems(spec, recorded, installed, reinstall) is { Count: > 0 } problems)
        {
            // pip repairs dependencies when it is given what depends on them.
            reasons.AddRange(problems);
            install = spec.PipPackages;
        }

        var uninstall = PlanRemovals(spec, stamp, recorded, installed, reasons, details);
        // One reinstall a name (a duplicated distribution may be damaged too).
        reinstall = reinstall
            .DistinctBy(d => PackageNames.Normalize(d.Name), StringComparer.Ordinal)
            .ToList();
        if (install.Count > 0 || reinstall.Count > 0 || uninstall.Count > 0 || leftovers.Length > 0)
        {
            return new EnvPlan(PlanAction.Update, install, reinstall, uninstall, leftovers, reasons) { Details = details };
        }

        var snapshotMatches = recorded is not null
            && recorded.Count == installed.Count
            && recorded.All(r => installed.TryGetValue(r.Key, out var d) && d.Version == r.Value);
        if (stamp is { Complete: true } && stamp.SpecHash == inputs.SpecHash && snapshotMatches)
        {
            return new EnvPlan(PlanAction.UpToDate, [], [], [], [], []) { Details = details };
        }

        reasons.Add(DescribeWhyOnlyTheStampChanges(inputs, details.Count > 0));
        return new EnvPlan(PlanAction.RefreshStamp, [], [], [], [], reasons) { Details = details };
    }

    /// <summary>
    /// What a lock resolved while the build applied its plan (<see cref="EnvPlan.PipLock"/>) no longer
    /// holds: removed by the same rules as any removal, against the disk pip left and the lock's spec.
    /// </summary>
    /// <param name="reasons">Gets the reason of each package removed.</param>
    public static IReadOnlyList<string> DroppedByLock(EnvSpec lockedSpec, EnvStamp? stamp, InstalledEnv disk, List<string> reasons)
    {
        var recorded = stamp is { Complete: true } ? stamp.Installed.ToDictionary(d => d.Name, d => d.Version, StringComparer.Ordinal) : null;
        var installed = new Dictionary<string, InstalledDistribution>(StringComparer.Ordinal);
        foreach (var distribution in disk.Distributions)
        {
            installed.TryAdd(distribution.Name, distribution);
        }

        return PlanRemovals(lockedSpec, stamp, recorded, installed, reasons, []);
    }

    private static IReadOnlyList<PipRequirement> PlanDeclared(
        PlanInputs inputs,
        Dictionary<string, InstalledDistribution> installed,
        List<string> reasons,
        List<string> details,
        out List<StampedDistribution> reinstall)
    {
        var stamp = inputs.Stamp;
        var before = stamp?.PipPackages.ToDictionary(p => p.Name, p => p.Requirement, StringComparer.Ordinal);
        var install = new List<PipRequirement>();
        reinstall = [];
        foreach (var package in inputs.Spec.PipPackages)
        {
            var requirement = package.ToRequirementString();
            var old = before?.GetValueOrDefault(package.NormalizedName);
            var changed = old is not null && old != requirement;
            if (!installed.TryGetValue(package.NormalizedName, out var distribution))
            {
                install.Add(package);
                reasons.Add(changed ? $"{old} changed to {requirement}"
                    : stamp is { Complete: true } && old is null ? $"{requirement} was added"
                    : stamp is { Complete: true } ? $"{requirement} is not installed any more (removed by hand?)"
                    : $"{requirement} is not installed");
            }
            else if (!RequirementVersions.IsSatisfiedBy(package, distribution.Version))
            {
                install.Add(package);
                reasons.Add(changed ? $"{old} changed to {requirement}"
                    : $"{distribution.DisplayName} {distribution.Version} is installed, which is not {requirement} (changed by hand?)");
            }
            else if (distribution.MissingFiles.Count > 0)
            {
                reinstall.Add(new StampedDistribution(distribution.DisplayName, distribution.Version));
                reasons.Add(DescribeDamage(distribution));
            }
            else if (changed)
            {
                // Not a step: nothing is installed for it (a loosened pin, or the lock's pin against the declared range).
                details.Add($"{old} changed to {requirement}; the installed {distribution.Version} satisfies it");
            }
        }

        return install;
    }

    private static List<string> DescribeDependencyProblems(
        EnvSpec spec,
        Dictionary<string, string>? recorded,
        Dictionary<string, InstalledDistribution> installed,
        List<StampedDistribution> reinstall)
    {
        var declared = spec.PipPackages.Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var distribution in installed.Values.Where(d => !declared.Contains(d.Name) && d.MissingFiles.Count > 0 && !IsCondaManaged(d)))
        {
            reinstall.Add(new StampedDistribution(distribution.DisplayName, distribution.Version));
            problems.Add(DescribeDamage(distribution));
        }

        if (recorded is not null)
        {
            foreach (var (name, version) in recorded.Where(r => !declared.Contains(r.Key) && !EnvPlanner.IsSeedPackage(r.Key)))
            {
                if (installed.TryGetValue(name, out var managed) && IsCondaManaged(managed))
                {
                    // conda's packages are conda's to judge (CondaPackagePlanner).
                    continue;
                }

                if (!installed.TryGetValue(name, out var distribution))
                {
                    problems.Add($"the dependency {name} {version} is missing (removed by hand?)");
                }
                else if (distribution.Version != version)
                {
                    problems.Add($"the dependency {name} changed from {version} to {distribution.Version} (by hand?)");
                }
            }

            return problems;
        }

        // No record of the last good env: check what the declared packages say they need.
        foreach (var distribution in spec.PipPackages.Select(p => installed.GetValueOrDefault(p.NormalizedName)).OfType<InstalledDistribution>())
        {
            problems.AddRange(distribution.UnconditionalRequires
                .Where(name => !installed.ContainsKey(name))
                .Select(name => $"{name}, which {distribution.DisplayName} needs, is not installed"));
        }

        return problems;
    }

    private static IReadOnlyList<string> PlanRemovals(
        EnvSpec spec,
        EnvStamp? stamp,
        Dictionary<string, string>? recorded,
        Dictionary<string, InstalledDistribution> installed,
        List<string> reasons,
        List<string> details)
    {
        var declared = spec.PipPackages.Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        var candidates = new Dictionary<string, string>(StringComparer.Ordinal);
        void Consider(string name, string reason)
        {
            if (!declared.Contains(name) && !EnvPlanner.IsSeedPackage(name) && installed.TryGetValue(name, out var distribution) && !IsCondaManaged(distribution))
            {
                candidates.TryAdd(name, reason);
            }
        }

        foreach (var previous in stamp?.PipPackages ?? [])
        {
            Consider(previous.Name, $"{previous.Name} was removed from the declaration");
        }

        foreach (var distribution in installed.Values)
        {
            if (recorded is not null && !recorded.ContainsKey(distribution.Name))
            {
                Consider(distribution.Name, $"{distribution.DisplayName} {distribution.Version} is installed but neither declared nor a dependency (installed by hand?)");
            }
            else if (recorded is null && distribution.Requested)
            {
                Consider(distribution.Name, $"{distribution.DisplayName} {distribution.Version} was installed on request (by hand, or for an earlier declaration) and is not declared");
            }
        }

        // What a package that stays still needs is kept, whatever put it there.
        return RemovalCandidates.Settle(
            candidates,
            (name, removed) => installed.Values.FirstOrDefault(d => !removed.Contains(d.Name) && d.Requires.Contains(name, StringComparer.Ordinal))?.DisplayName,
            reasons,
            details);
    }

    /// <summary>Installed by conda (its INSTALLER file says so): pip never removes or reinstalls it.</summary>
    private static bool IsCondaManaged(InstalledDistribution distribution) => distribution.Installer == "conda";

    private static string DescribeWhyOnlyTheStampChanges(PlanInputs inputs, bool requirementsChanged) => inputs.Stamp switch
    {
        null => "matches its declaration (checked on disk: there was no stamp)",
        { Complete: false } => "matches its declaration (the previous build did not finish, but nothing was left to do)",
        var stamp when stamp.ToolVersion != inputs.ToolVersion => $"matches its declaration (M1Env changed from {stamp.ToolVersion} to {inputs.ToolVersion})",
        var stamp when stamp.SourcesHash != inputs.SourcesHash => "matches its declaration (the package sources changed; the installed packages still satisfy it)",
        _ when requirementsChanged => "matches its declaration (requirements changed, and the installed versions satisfy them)",
        _ => "matches its declaration (its settings changed)",
    };

    private static string DescribeDamage(InstalledDistribution distribution) =>
        $"{distribution.DisplayName} {distribution.Version} is damaged ({distribution.MissingFiles[0]}" +
        (distribution.MissingFiles.Count > 1 ? $" and {distribution.MissingFiles.Count - 1} more files are missing" : " is missing") +
        "): reinstalling it";
}
