using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// Reads <c>conda list --explicit --md5</c> (the <c>@EXPLICIT</c> format conda also takes back with
/// <c>create --file</c>): a <c># platform:</c> comment, then one package URL per line with its hash.
/// </summary>
public static class CondaExplicitList
{
    /// <summary>The platform the listing was made on (<c>osx-arm64</c>), or null when it does not say.</summary>
    public static string? Platform(string? text) =>
        Lines(text)
            .Where(l => l.StartsWith('#'))
            .Select(l => l.TrimStart('#').Trim())
            .Where(l => l.StartsWith("platform:", StringComparison.Ordinal))
            .Select(l => l["platform:".Length..].Trim())
            .FirstOrDefault(p => p.Length > 0);

    /// <summary>
    /// The packages after the <c>@EXPLICIT</c> line, with <see cref="CondaPackageRef.Url"/> and the
    /// hash after <c>#</c> (MD5, or <c>sha256:</c> from newer conda); lines that name no package file are skipped.
    /// </summary>
    public static IReadOnlyList<CondaPackageRef> Packages(string? text)
    {
        var packages = new List<CondaPackageRef>();
        var explicitSeen = false;
        foreach (var line in Lines(text))
        {
            if (line == "@EXPLICIT")
            {
                explicitSeen = true;
                continue;
            }

            if (!explicitSeen || line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var hashAt = line.IndexOf('#', StringComparison.Ordinal);
            var hash = hashAt >= 0 ? line[(hashAt + 1)..] : null;
            var url = hashAt >= 0 ? line[..hashAt] : line;
            var fileName = url[(url.LastIndexOf('/') + 1)..];
            var stem = fileName.EndsWith(".tar.bz2", StringComparison.Ordinal) ? fileName[..^".tar.bz2".Length]
                : fileName.EndsWith(".conda", StringComparison.Ordinal) ? fileName[..^".conda".Length]
                : null;
            if (CondaPackageRef.SplitDistName(stem) is not { } dist)
            {
                continue;
            }

            var sha256 = hash?.StartsWith("sha256:", StringComparison.Ordinal) == true ? hash["sha256:".Length..] : null;
            packages.Add(new CondaPackageRef(dist.Name, dist.Version, dist.Build, CondaChannelName.Normalize(url), CondaChannelName.SubdirOf(url))
            {
                Url = UrlRedactor.Redact(url),
                Md5 = sha256 is null && hash is { Length: > 0 } ? hash : null,
                Sha256 = sha256,
            });
        }

        return packages;
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.Trim());
}
