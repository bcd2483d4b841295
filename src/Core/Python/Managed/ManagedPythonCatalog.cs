namespace M1Env.Core.Python.Managed;

/// <summary>
/// The CPython builds M1Env installs when a project asks for a managed Python: per platform, the
/// newest patch release of each minor version, pinned with its SHA-256 (regenerated from uv's
/// published list by <c>eng/managed-python/update_catalog.py</c>).
/// </summary>
public static partial class ManagedPythonCatalog
{
    /// <summary>The build to install for <paramref name="request"/> on <paramref name="platform"/>: the newest that satisfies it, or null.</summary>
    public static ManagedPythonBuild? Newest(PythonRequest request, string platform, IReadOnlyList<ManagedPythonBuild>? builds = null) =>
        (builds ?? Builds)
            .Where(b => b.Platform == platform && request.IsSatisfiedBy(b.Version))
            .MaxBy(b => b.Version);

    /// <summary>The minor versions known for <paramref name="platform"/>, as a person reads them: "3.9 to 3.14".</summary>
    public static string KnownMinorVersions(string platform, IReadOnlyList<ManagedPythonBuild>? builds = null)
    {
        var minors = (builds ?? Builds).Where(b => b.Platform == platform).Select(b => new Version(b.Version.Major, b.Version.Minor)).Distinct().Order().ToArray();
        return minors.Length == 0 ? "none" : minors.Length == 1 ? minors[0].ToString() : $"{minors[0]} to {minors[^1]}";
    }
}
