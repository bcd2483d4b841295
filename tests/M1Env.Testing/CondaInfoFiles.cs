using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace M1Env.Testing;

/// <summary>
/// The metadata files under <c>info/</c> of a conda package (conda-build's formats). JSON is indented with \n line ends
/// and keys in a fixed order, so bytes never vary.
/// </summary>
internal static class CondaInfoFiles
{
    public static byte[] Index(CondaPackageSpec spec) => Json(writer =>
    {
        writer.WriteStartObject();
        var (arch, platform) = ArchAndPlatform(spec);
        WriteNullableString(writer, "arch", arch);
        writer.WriteString("build", spec.Build);
        writer.WriteNumber("build_number", spec.BuildNumber);
        WriteStrings(writer, "depends", spec.Depends);
        writer.WriteString("license", spec.License);
        writer.WriteString("name", spec.Name);
        if (spec.Noarch != CondaNoarch.None)
        {
            writer.WriteString("noarch", CondaRepodata.NoarchText(spec.Noarch));
        }

        WriteNullableString(writer, "platform", platform);
        writer.WriteString("subdir", spec.Subdir);
        writer.WriteNumber("timestamp", spec.Timestamp.ToUnixTimeMilliseconds());
        writer.WriteString("version", spec.Version);
        writer.WriteEndObject();
    });

    /// <summary><c>paths_version</c> 1: each payload entry with its type, SHA-256 and size, and its prefix placeholder if any.</summary>
    public static byte[] Paths(IEnumerable<CondaPackageFile> files) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("paths");
        foreach (var file in files)
        {
            var bytes = HashedBytes(file);
            writer.WriteStartObject();
            writer.WriteString("_path", file.Path);
            if (file.PrefixPlaceholder is { } placeholder)
            {
                writer.WriteString("file_mode", "text");
                writer.WriteString("prefix_placeholder", placeholder);
            }

            writer.WriteString("path_type", file.IsSymbolicLink ? "softlink" : "hardlink");
            writer.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
            writer.WriteNumber("size_in_bytes", bytes.Length);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("paths_version", 1);
        writer.WriteEndObject();
    });

    /// <summary>The bytes paths.json hashes: a file's content, or (as <c>lstat</c> sizes it) a link's target text.</summary>
    public static byte[] HashedBytes(CondaPackageFile file) =>
        file.LinkTarget is { } target ? Encoding.UTF8.GetBytes(target) : file.Content;

    /// <summary>One payload path a line.</summary>
    public static byte[] Files(IEnumerable<CondaPackageFile> files) =>
        Encoding.UTF8.GetBytes(string.Concat(files.Select(file => file.Path + "\n")));

    /// <summary>The older form of the placeholders: <c>placeholder text path</c> a line; null when there are none.</summary>
    public static byte[]? HasPrefix(IEnumerable<CondaPackageFile> files)
    {
        var lines = files
            .Where(file => file.PrefixPlaceholder is not null)
            .Select(file => $"{Quote(file.PrefixPlaceholder!)} text {Quote(file.Path)}\n")
            .ToArray();
        return lines.Length == 0 ? null : Encoding.UTF8.GetBytes(string.Concat(lines));
    }

    /// <summary>What a <c>noarch: python</c> package tells conda: its type and its entry points.</summary>
    public static byte[] Link(CondaPackageSpec spec) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("noarch");
        WriteStrings(writer, "entry_points", spec.EntryPoints);
        writer.WriteString("type", "python");
        writer.WriteEndObject();
        writer.WriteNumber("package_metadata_version", 1);
        writer.WriteEndObject();
    });

    internal static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    internal static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static (string? Arch, string? Platform) ArchAndPlatform(CondaPackageSpec spec)
    {
        if (spec.Noarch != CondaNoarch.None)
        {
            return (null, null);
        }

        var dash = spec.Subdir.IndexOf('-', StringComparison.Ordinal);
        var platform = spec.Subdir[..dash];
        var arch = spec.Subdir[(dash + 1)..] switch
        {
            "64" => "x86_64",
            "32" => "x86",
            var other => other,
        };
        return (arch, platform);
    }

    private static string Quote(string text) => text.Contains(' ', StringComparison.Ordinal) ? $"\"{text}\"" : text;
}
