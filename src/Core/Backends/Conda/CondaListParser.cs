using System.Text.Json;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Backends.Conda;

/// <summary>Reads <c>list --json</c> of conda and micromamba: the packages a prefix holds.</summary>
public static class CondaListParser
{
    /// <summary>
    /// The listed packages in the order the tool wrote them; null when stdout holds no listing
    /// (no JSON, a cut-short one, or an error object).
    /// </summary>
    /// <remarks>
    /// conda and libmamba up to 2.8 write an array of short entries (<c>name</c>, <c>version</c>,
    /// <c>build_string</c>, <c>base_url</c>, <c>platform</c>, <c>dist_name</c>); mamba 2.9 writes
    /// <c>{"packages": [...], "log_history": [...]}</c>. An object is read as its <c>packages</c>, else
    /// the first other array of package objects in it, or else its values (<c>{"numpy": {...}}</c>).
    /// </remarks>
    public static IReadOnlyList<CondaPackageRef>? Parse(string? stdout)
    {
        using var document = CondaOutput.FinalJson(stdout);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            return Read(root.EnumerateArray());
        }

        if (root.ValueKind != JsonValueKind.Object || IsError(root))
        {
            return null;
        }

        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Array)
        {
            return Read(packages.EnumerateArray());
        }

        // 2.9's log records are objects in an array too, and sort before "packages".
        var listings = root.EnumerateObject().Where(p => p.Name != "log_history").ToArray();
        foreach (var property in listings)
        {
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object))
            {
                return Read(property.Value.EnumerateArray());
            }
        }

        return Read(listings.Select(p => p.Value));
    }

    private static CondaPackageRef[] Read(IEnumerable<JsonElement> entries) =>
        entries.Select(CondaPackageRef.FromJson).OfType<CondaPackageRef>().ToArray();

    private static bool IsError(JsonElement root) =>
        root.TryGetProperty("exception_name", out _) || root.TryGetProperty("solver_problems", out _)
        || (root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False);
}
