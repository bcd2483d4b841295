using System.Collections;

namespace M1Env.Core.Inspection;

/// <summary>
/// The packages a conda prefix's <c>conda-meta</c> records, sorted by name, and the records that
/// could not be read (the planner treats those packages as damaged and reinstalls them).
/// </summary>
public sealed class CondaMetaContents : IReadOnlyList<InstalledCondaPackage>
{
    private readonly IReadOnlyList<InstalledCondaPackage> packages;

    public CondaMetaContents(IReadOnlyList<InstalledCondaPackage> packages, IReadOnlyList<string> unreadable)
    {
        this.packages = packages;
        Unreadable = unreadable;
    }

    /// <summary>Full paths of <c>conda-meta/*.json</c> files that are not readable package records (damaged JSON, no name, an I/O error).</summary>
    public IReadOnlyList<string> Unreadable { get; }

    /// <summary>
    /// Why conda-meta cannot be trusted as it is, one line per problem: a record that cannot be read,
    /// two records of one package (libmamba's explicit install leaves the old one when a build stops
    /// before M1Env removes it). Empty for a sound prefix.
    /// </summary>
    public IReadOnlyList<string> Problems =>
        [
            .. Unreadable.Select(file => $"its conda-meta record {Path.GetFileName(file)} cannot be read"),
            .. packages.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
                .Select(g => $"its conda-meta holds {g.Count()} records of {g.Key} ({string.Join(", ", g.Select(p => $"{p.Version}={p.Build}"))})"),
        ];

    public int Count => packages.Count;

    public InstalledCondaPackage this[int index] => packages[index];

    /// <summary>The package of that name (conda names are lower case), or null.</summary>
    public InstalledCondaPackage? Find(string name) =>
        packages.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public IEnumerator<InstalledCondaPackage> GetEnumerator() => packages.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
