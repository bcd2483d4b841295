using System.Text.Json;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Turns the JSON of <c>create --dry-run --json</c> into locked packages in install order.
/// </summary>
/// <remarks>
/// conda (23.x and 24.x alike) lists under <c>LINK</c> only short entries (<c>dist_name</c>,
/// <c>base_url</c>, <c>platform</c>): no file name, URL or hash. Its <c>FETCH</c> list holds whole
/// repodata records (URL, MD5, SHA-256, depends), but only of packages the package cache lacks.
/// micromamba writes whole records under <c>LINK</c> too. So each linked package takes its record
/// from its own entry, else from <c>FETCH</c>, else from the cached record the caller finds (conda's
/// <c>info/repodata_record.json</c> of the extracted package in a package cache).
/// </remarks>
public static class CondaDryRunRecords
{
    /// <param name="stdout">What the dry run printed.</param>
    /// <param name="cachedRecord">Finds the record of a package the cache holds, by dist name and channel; null when none.</param>
    /// <param name="missing">The linked packages no record was found for (none when the dry run used an empty package cache).</param>
    /// <returns>The packages to link that have a record, in install order (<see cref="CondaInstallOrder"/>).</returns>
    public static IReadOnlyList<CondaLockedPackage> Read(
        string? stdout,
        Func<CondaPackageRef, (CondaLockedPackage Package, IReadOnlyList<string> Depends)?> cachedRecord,
        out IReadOnlyList<CondaPackageRef> missing)
    {
        var transaction = CondaTransaction.Parse(stdout);
        var depends = DependsByDistName(stdout);
        var fetched = (transaction?.Fetch ?? [])
            .Where(f => f.Url is not null)
            .GroupBy(f => Key(f), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var found = new List<(CondaLockedPackage Package, string Name, IReadOnlyList<string> Depends)>();
        var notFound = new List<CondaPackageRef>();
        foreach (var link in transaction?.Link ?? [])
        {
            var full = link.Url is not null && link.Md5 is not null ? link : fetched.GetValueOrDefault(Key(link));
            if (full is { Url: { } url, Md5: { } md5 })
            {
                found.Add((new CondaLockedPackage(full.Name, full.Version, full.Build, CondaLockUrl.WithoutCredentials(url), md5, full.Sha256),
                    full.Name, depends.GetValueOrDefault(full.DistName) ?? []));
            }
            else if (cachedRecord(link) is { } cached)
            {
                found.Add((cached.Package, cached.Package.Name, cached.Depends));
            }
            else
            {
                notFound.Add(link);
            }
        }

        missing = notFound;
        return CondaInstallOrder.Sort(found);
    }

    /// <summary>Reads <c>info/repodata_record.json</c> (conda writes it into every extracted package of its cache) as a locked package.</summary>
    public static (CondaLockedPackage Package, IReadOnlyList<string> Depends)? FromRepodataRecord(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (CondaPackageRef.FromJson(root) is not { Url: { } url, Md5: { } md5 } package)
            {
                return null;
            }

            return (new CondaLockedPackage(package.Name, package.Version, package.Build, CondaLockUrl.WithoutCredentials(url), md5, package.Sha256),
                CondaJson.Strings(root, "depends"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The channel a reference came from and its dist name: what a LINK entry and a FETCH record agree on.</summary>
    internal static string Key(CondaPackageRef package) => $"{package.Channel}|{package.DistName}";

    private static Dictionary<string, IReadOnlyList<string>> DependsByDistName(string? stdout)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using var document = CondaOutput.FinalJson(stdout);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("actions", out var actions))
        {
            return result;
        }

        var groups = actions.ValueKind == JsonValueKind.Array ? actions.EnumerateArray().ToArray() : [actions];
        foreach (var entry in groups.SelectMany(g => CondaJson.Objects(g, "FETCH").Concat(CondaJson.Objects(g, "LINK"))))
        {
            if (CondaPackageRef.FromJson(entry) is { } package && entry.TryGetProperty("depends", out _))
            {
                result.TryAdd(package.DistName, CondaJson.Strings(entry, "depends"));
            }
        }

        return result;
    }
}
