using System.Text.Json;
using M1Env.Core.Packaging;

namespace M1Env.Core.Inspection;

/// <summary>Reads one <c>*.dist-info</c> folder (the installed-project format pip writes for every wheel).</summary>
internal static class DistInfoReader
{
    /// <returns>Null when the folder names no distribution (no readable METADATA and an odd folder name).</returns>
    public static InstalledDistribution? Read(string distInfo, string sitePackages, bool verifyFiles)
    {
        var (name, version, requires) = ReadMetadata(Path.Combine(distInfo, "METADATA"));
        if (name is null || version is null)
        {
            // Damaged METADATA: the folder's own name is "<name>-<version>.dist-info".
            var stem = Path.GetFileName(distInfo)[..^".dist-info".Length];
            var dash = stem.LastIndexOf('-');
            if (dash <= 0 || dash == stem.Length - 1)
            {
                return null;
            }

            (name, version) = (name ?? stem[..dash], version ?? stem[(dash + 1)..]);
        }

        var record = RecordFile.ReadPaths(Path.Combine(distInfo, "RECORD"));
        var directUrl = ReadDirectUrl(Path.Combine(distInfo, "direct_url.json"));
        return new InstalledDistribution(
            PackageNames.Normalize(name),
            name,
            version,
            FirstLine(Path.Combine(distInfo, "INSTALLER")),
            File.Exists(Path.Combine(distInfo, "REQUESTED")),
            directUrl.Url,
            distInfo,
            requires.Where(r => !r.OnlyForExtra).Select(r => r.Name).Distinct(StringComparer.Ordinal).ToArray(),
            RecordFile.TopLevelDirectories(record, sitePackages, Path.GetFileName(distInfo)),
            verifyFiles ? RecordFile.MissingFiles(record, sitePackages) : [])
        {
            UnconditionalRequires = requires.Where(r => r.Unconditional).Select(r => r.Name).Distinct(StringComparer.Ordinal).ToArray(),
            Editable = directUrl.Editable,
        };
    }

    private static (string? Name, string? Version, List<Requirement> Requires) ReadMetadata(string path)
    {
        string? name = null, version = null;
        var requires = new List<Requirement>();
        try
        {
            // Only the header block: a long description may follow the first blank line.
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0)
                {
                    break;
                }

                if (Header(line, "Name") is { } n)
                {
                    name ??= n;
                }
                else if (Header(line, "Version") is { } v)
                {
                    version ??= v;
                }
                else if (Header(line, "Requires-Dist") is { } r && Requirement.Parse(r) is { } requirement)
                {
                    requires.Add(requirement);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Handled by the caller as damaged metadata.
        }

        return (name, version, requires);
    }

    private static string? Header(string line, string key) =>
        line.Length > key.Length + 1 && line.StartsWith(key, StringComparison.OrdinalIgnoreCase) && line[key.Length] == ':'
            ? line[(key.Length + 1)..].Trim()
            : null;

    private static string? FirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>direct_url.json's <c>url</c>, and whether <c>dir_info.editable</c> is true (PEP 610).</summary>
    private static (string? Url, bool Editable) ReadDirectUrl(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return (null, false);
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return (
                root.TryGetProperty("url", out var url) ? url.GetString() : null,
                root.TryGetProperty("dir_info", out var dirInfo) && dirInfo.ValueKind == JsonValueKind.Object
                    && dirInfo.TryGetProperty("editable", out var editable) && editable.ValueKind == JsonValueKind.True);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return (null, false);
        }
    }

    /// <summary>A Requires-Dist line, enough to know which name it needs and when.</summary>
    private sealed record Requirement(string Name, bool Unconditional, bool OnlyForExtra)
    {
        public static Requirement? Parse(string text)
        {
            var end = 0;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '_' or '-'))
            {
                end++;
            }

            if (end == 0)
            {
                return null;
            }

            var marker = text.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0 ? text[(semicolon + 1)..] : null;
            return new Requirement(
                PackageNames.Normalize(text[..end]),
                Unconditional: marker is null,
                OnlyForExtra: marker is not null && marker.Contains("extra", StringComparison.Ordinal));
        }
    }
}
