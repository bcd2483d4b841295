using System.Text.Json;

namespace M1Env.Testing;

/// <summary>
/// Reads and writes a subdir's <c>repodata.json</c>: <c>info.subdir</c>, the .tar.bz2 records under <c>packages</c>
/// and an empty <c>packages.conda</c> (nothing here writes the .conda format).
/// </summary>
public static class CondaRepodata
{
    public const string FileName = "repodata.json";

    /// <summary>Writes <c>&lt;subdirDirectory&gt;/repodata.json</c>, records ordered by file name.</summary>
    public static string Write(string subdirDirectory, string subdir, IEnumerable<CondaPackageRecord> records)
    {
        var sorted = records.OrderBy(record => record.FileName, StringComparer.Ordinal).ToArray();
        if (sorted.FirstOrDefault(record => record.Subdir != subdir) is { } stray)
        {
            throw new ArgumentException($"{stray.FileName} belongs to {stray.Subdir}, not {subdir}.", nameof(records));
        }

        var bytes = CondaInfoFiles.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("info");
            writer.WriteString("subdir", subdir);
            writer.WriteEndObject();
            writer.WriteStartObject("packages");
            foreach (var record in sorted)
            {
                writer.WritePropertyName(record.FileName);
                WriteRecord(writer, record);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("packages.conda");
            writer.WriteEndObject();
            writer.WriteStartArray("removed");
            writer.WriteEndArray();
            writer.WriteNumber("repodata_version", 1);
            writer.WriteEndObject();
        });
        Directory.CreateDirectory(subdirDirectory);
        var path = Path.Combine(subdirDirectory, FileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The records under <c>packages</c> of a repodata.json, by file name.</summary>
    public static IReadOnlyDictionary<string, CondaPackageRecord> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("packages").EnumerateObject()
            .ToDictionary(property => property.Name, property => ReadRecord(property.Value), StringComparer.Ordinal);
    }

    /// <summary>One record, keys in conda-index's order; <c>noarch</c> only for noarch packages.</summary>
    public static void WriteRecord(Utf8JsonWriter writer, CondaPackageRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("build", record.Build);
        writer.WriteNumber("build_number", record.BuildNumber);
        CondaInfoFiles.WriteStrings(writer, "depends", record.Depends);
        writer.WriteString("license", record.License);
        writer.WriteString("md5", record.Md5);
        writer.WriteString("name", record.Name);
        if (record.Noarch != CondaNoarch.None)
        {
            writer.WriteString("noarch", NoarchText(record.Noarch));
        }

        writer.WriteString("sha256", record.Sha256);
        writer.WriteNumber("size", record.Size);
        writer.WriteString("subdir", record.Subdir);
        writer.WriteNumber("timestamp", record.Timestamp);
        writer.WriteString("version", record.Version);
        writer.WriteEndObject();
    }

    public static CondaPackageRecord ReadRecord(JsonElement element)
    {
        var noarch = element.TryGetProperty("noarch", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() switch
            {
                "generic" => CondaNoarch.Generic,
                "python" => CondaNoarch.Python,
                var other => throw new FormatException($"Unknown noarch kind '{other}'."),
            }
            : CondaNoarch.None;
        return new CondaPackageRecord(
            element.GetProperty("name").GetString()!,
            element.GetProperty("version").GetString()!,
            element.GetProperty("build").GetString()!,
            element.GetProperty("build_number").GetInt32(),
            element.GetProperty("depends").EnumerateArray().Select(item => item.GetString()!).ToArray(),
            element.GetProperty("subdir").GetString()!,
            noarch,
            element.TryGetProperty("license", out var license) ? license.GetString() ?? string.Empty : string.Empty,
            element.GetProperty("timestamp").GetInt64(),
            element.GetProperty("md5").GetString()!,
            element.GetProperty("sha256").GetString()!,
            element.GetProperty("size").GetInt64());
    }

    internal static string NoarchText(CondaNoarch noarch) => noarch switch
    {
        CondaNoarch.Generic => "generic",
        CondaNoarch.Python => "python",
        _ => throw new ArgumentOutOfRangeException(nameof(noarch), noarch, "A package built for one subdir has no noarch kind."),
    };
}
