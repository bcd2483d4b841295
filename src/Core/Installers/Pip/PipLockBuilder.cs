using System.Text.RegularExpressions;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// Turns one pip resolution per lock platform into one PEP 751 lock: a package resolved the same on
/// every platform is one entry with no marker; one that differs gets an entry per version, marked
/// with the platforms it belongs to. Each entry lists the wheels those platforms use.
/// </summary>
public static partial class PipLockBuilder
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingName();

    /// <param name="requirements">The declared requirement strings, recorded so a later build can tell what changed.</param>
    /// <param name="lockDirectory">The lock file's folder: a local file (<c>file://</c>, from M1EnvPipFindLinks) is written as a <c>path</c> relative to it, so the lock holds in every clone.</param>
    public static PyLock Build(string envName, IReadOnlyList<string> requirements, IReadOnlyDictionary<LockPlatform, PipResolution> resolutions, string? lockDirectory = null)
    {
        PyLockArtifact ToArtifact(ResolvedArtifact artifact) =>
            lockDirectory is not null && Uri.TryCreate(artifact.Url, UriKind.Absolute, out var uri) && uri.IsFile
                ? new(artifact.FileName, null, artifact.Sha256, Path: Path.GetRelativePath(lockDirectory, uri.LocalPath).Replace('\\', '/'))
                : new(artifact.FileName, artifact.Url, artifact.Sha256);

        var platforms = resolutions.Keys.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        var chosen = resolutions.ToDictionary(r => r.Key, r => r.Value.Artifacts.ToDictionary(a => a.Name, a => a.Version, StringComparer.Ordinal));
        var entries = resolutions.Values
            .SelectMany(r => r.Artifacts)
            .DistinctBy(a => (a.Name, a.Version))
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var packages = resolutions
            .SelectMany(r => r.Value.Artifacts.Select(a => (Platform: r.Key, Artifact: a)))
            .GroupBy(x => (x.Artifact.Name, x.Artifact.Version))
            .Select(group =>
            {
                var users = group.Select(x => x.Platform).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
                var files = group.Select(x => x.Artifact).DistinctBy(a => a.FileName).ToArray();
                return new PyLockPackage(group.Key.Name, group.Key.Version, files.Where(a => a.IsWheel).Select(ToArtifact).ToArray())
                {
                    Sdist = files.Where(a => !a.IsWheel).Select(ToArtifact).FirstOrDefault(),
                    Marker = users.Length == platforms.Length ? null : string.Join(" or ", users.Select(Marker)),
                    Dependencies = group
                        .SelectMany(x => DependenciesIn(x.Artifact, chosen[x.Platform]))
                        .Distinct()
                        .Select(d => new PyLockDependency(d.Name, entries.GetValueOrDefault(d.Name) > 1 ? d.Version : null))
                        .Distinct()
                        .ToArray(),
                };
            })
            .ToArray();

        return new PyLock(
            platforms.Select(Marker).ToArray(),
            RequiresPython: null,
            packages,
            new PyLockM1EnvTool(envName, requirements.Order(StringComparer.Ordinal).ToArray(), platforms.Select(p => p.Name).ToArray()));
    }

    /// <summary>
    /// The packages of one platform's resolution that an artifact's <c>Requires-Dist</c> names. A line
    /// whose marker or extra did not apply still counts when another package brought that name in: the
    /// graph may hold an edge too many, never one too few, so pruning it never drops a needed package.
    /// </summary>
    private static IEnumerable<(string Name, string Version)> DependenciesIn(ResolvedArtifact artifact, IReadOnlyDictionary<string, string> chosen) =>
        artifact.RequiresDist
            .Select(line => PackageNames.Normalize(LeadingName().Match(line).Value))
            .Where(name => name.Length > 0 && name != artifact.Name && chosen.ContainsKey(name))
            .Select(name => (name, chosen[name]));

    private static string Marker(LockPlatform platform) => platform.Marker;
}
