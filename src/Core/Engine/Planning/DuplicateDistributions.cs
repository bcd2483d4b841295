using M1Env.Core.Inspection;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Engine.Planning;

/// <summary>
/// Two dist-info folders of one distribution (what a kill leaves midway through an upgrade, pip's own
/// included): the one to keep is the version the declaration or the last good build asks for, else
/// the first; the others' dist-info folders are deleted, and the kept one is reinstalled, since the
/// other version may have overwritten its files.
/// </summary>
internal static class DuplicateDistributions
{
    /// <param name="recorded">What the env held after the last good build, by name, or null.</param>
    /// <returns>The distribution kept for each duplicated name, the dist-info folders to delete, the reinstalls and why.</returns>
    public static (IReadOnlyDictionary<string, InstalledDistribution> Kept, IReadOnlyList<string> Delete, IReadOnlyList<StampedDistribution> Reinstall, IReadOnlyList<string> Reasons) Find(
        EnvSpec spec,
        IReadOnlyDictionary<string, string>? recorded,
        IEnumerable<InstalledDistribution> distributions)
    {
        var kept = new Dictionary<string, InstalledDistribution>(StringComparer.Ordinal);
        var delete = new List<string>();
        var reinstall = new List<StampedDistribution>();
        var reasons = new List<string>();
        foreach (var group in distributions.Where(d => d.Installer != "conda").GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var declared = spec.PipPackages.FirstOrDefault(p => p.NormalizedName == group.Key);
            var keep = group.FirstOrDefault(d => declared is not null && RequirementVersions.IsSatisfiedBy(declared, d.Version))
                ?? group.FirstOrDefault(d => recorded?.GetValueOrDefault(group.Key) == d.Version)
                ?? group.First();
            kept[group.Key] = keep;
            delete.AddRange(group.Where(d => d != keep).Select(d => d.DistInfoPath));
            reinstall.Add(new StampedDistribution(keep.DisplayName, keep.Version));
            reasons.Add($"{keep.DisplayName} is installed twice ({string.Join(" and ", group.Select(d => d.Version))}; an upgrade was interrupted): keeping {keep.Version} and reinstalling it");
        }

        return (kept, delete, reinstall, reasons);
    }
}
