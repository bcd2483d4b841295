using System.Text.Json;
using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// Reads pip's installation report (<c>pip install --report</c>, format version 1; 0 from pip 22.2 has
/// the same fields) into the artifacts a lock needs.
/// </summary>
public static partial class PipReportReader
{
    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();

    /// <param name="transcript">The pip command and its last lines, shown under any error.</param>
    /// <exception cref="M1EnvException">The report is unreadable, or an artifact has no sha256 (<see cref="ErrorCodes.PipInstallFailed"/>).</exception>
    public static PipResolution Read(string json, IReadOnlyList<string> transcript)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw Unreadable($"it is not JSON ({exception.Message})", transcript);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Unreadable("it is not a JSON object", transcript);
            }

            var version = String(root, "version");
            if (version is not ("0" or "1"))
            {
                throw Unreadable($"its format version is '{version ?? "missing"}', and M1Env reads version 1", transcript);
            }

            if (!root.TryGetProperty("install", out var install) || install.ValueKind != JsonValueKind.Array)
            {
                throw Unreadable("it has no 'install' list", transcript);
            }

            var artifacts = install.EnumerateArray()
                .Select(item => Artifact(item, transcript))
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .ToArray();
            return new PipResolution(artifacts, Environment(root));
        }
    }

    private static ResolvedArtifact Artifact(JsonElement item, IReadOnlyList<string> transcript)
    {
        var metadata = item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var name = metadata.ValueKind == JsonValueKind.Object ? String(metadata, "name") : null;
        var version = metadata.ValueKind == JsonValueKind.Object ? String(metadata, "version") : null;
        var downloadInfo = item.TryGetProperty("download_info", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var url = downloadInfo.ValueKind == JsonValueKind.Object ? String(downloadInfo, "url") : null;
        if (name is null || version is null || url is null)
        {
            throw Unreadable("an entry of its 'install' list lacks metadata.name, metadata.version or download_info.url", transcript);
        }

        var normalized = PackageNames.Normalize(name);
        var sha256 = Sha256(downloadInfo);
        if (sha256 is null)
        {
            var kind = downloadInfo.TryGetProperty("vcs_info", out _) ? "a version-control checkout"
                : downloadInfo.TryGetProperty("dir_info", out _) ? "a local folder"
                : "a file whose index link carries no #sha256=";
            throw new M1EnvException(
                ErrorCodes.PipInstallFailed,
                $"pip resolved {normalized} {version} to {UrlRedactor.Redact(url)}, {kind}, so there is no sha256 to lock it by. " +
                "A lock holds only files with a known sha256: serve the package from an index whose links carry #sha256= (PEP 503), or from a file.",
                transcript);
        }

        var fileName = FileName(url);
        return new ResolvedArtifact(
            normalized,
            version,
            url,
            fileName,
            sha256,
            fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase),
            item.TryGetProperty("requested", out var requested) && requested.ValueKind == JsonValueKind.True,
            Strings(metadata, "requires_dist"));
    }

    // pip 23.1+ writes archive_info.hashes; every version writes the older "hash": "<algorithm>=<hex>".
    private static string? Sha256(JsonElement downloadInfo)
    {
        if (!downloadInfo.TryGetProperty("archive_info", out var archive) || archive.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var candidate = archive.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Object
            ? String(hashes, "sha256")
            : null;
        if (candidate is null && String(archive, "hash") is { } hash && hash.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            candidate = hash["sha256=".Length..];
        }

        candidate = candidate?.Trim().ToLowerInvariant();
        return candidate is not null && Sha256Hex().IsMatch(candidate) ? candidate : null;
    }

    private static string FileName(string url)
    {
        var path = url.Split('#', 2)[0].Split('?', 2)[0].TrimEnd('/');
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }

    private static IReadOnlyDictionary<string, string> Environment(JsonElement root)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("environment", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                environment[property.Name] = property.Value.GetString()!;
            }
        }

        return environment;
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    private static M1EnvException Unreadable(string why, IReadOnlyList<string> transcript) =>
        new(ErrorCodes.PipInstallFailed, $"pip's installation report cannot be read: {why}. pip 22.2 or later writes it; pip's last lines follow.", transcript);
}
