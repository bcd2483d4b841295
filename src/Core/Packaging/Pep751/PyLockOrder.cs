using M1Env.Core.Packaging.Versions;

namespace M1Env.Core.Packaging.Pep751;

/// <summary>The one order the writer lists things in, so the same lock always gives the same bytes.</summary>
internal static class PyLockOrder
{
    /// <summary>By name, then version (PEP 440 order where both parse), then marker (none first).</summary>
    public static IEnumerable<PyLockPackage> Packages(IEnumerable<PyLockPackage> packages) =>
        packages
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Version, VersionComparer.Instance)
            .ThenBy(p => p.Marker, StringComparer.Ordinal);

    public static IEnumerable<PyLockArtifact> Wheels(IEnumerable<PyLockArtifact> wheels) =>
        wheels.OrderBy(w => w.FileName, StringComparer.Ordinal).ThenBy(w => w.Url, StringComparer.Ordinal);

    public static IEnumerable<PyLockDependency> Dependencies(IEnumerable<PyLockDependency> dependencies) =>
        dependencies.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Version, VersionComparer.Instance);

    public static IEnumerable<string> Strings(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private sealed class VersionComparer : IComparer<string?>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (Pep440Version.TryParse(x, out var left) && Pep440Version.TryParse(y, out var right))
            {
                var byVersion = left.CompareTo(right);
                return byVersion != 0 ? byVersion : string.CompareOrdinal(x, y);
            }

            return string.CompareOrdinal(x, y);
        }
    }
}
