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

    public int Count => packages.Count;

    public InstalledCondaPackage this[int index] => packages[index];

    /// <summary>The package of that name (conda names are lower case), or null.</summary>
    public InstalledCondaPackage? Find(string name) =>
        packages.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public IEnumerator<InstalledCondaPackage> GetEnumerator() => packages.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
