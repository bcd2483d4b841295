using System.Text.Json;

namespace M1Env.Core.Inspection;

/// <summary>Reads a conda prefix's <c>conda-meta</c> records without a process (placeholder until the full reader lands).</summary>
public static class CondaMetaReader
{
    public static bool IsCondaPrefix(string prefix) => File.Exists(Path.Combine(prefix, "conda-meta", "history"));

    public static IReadOnlyList<InstalledCondaPackage> Read(string prefix, bool verifyFiles)
    {
        var folder = Path.Combine(prefix, "conda-meta");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var packages = new List<InstalledCondaPackage>();
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(file));
                var root = json.RootElement;
                string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
                var files = root.TryGetProperty("files", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(f => f.GetString() ?? string.Empty).ToArray()
                    : [];
                var missing = verifyFiles
                    ? files.Where(f => f.Length > 0 && !f.EndsWith(".pyc", StringComparison.Ordinal) && !File.Exists(Path.Combine(prefix, f)) && !Directory.Exists(Path.Combine(prefix, f))).ToArray()
                    : [];
                var depends = root.TryGetProperty("depends", out var deps) && deps.ValueKind == JsonValueKind.Array
                    ? deps.EnumerateArray().Select(d => d.GetString() ?? string.Empty).ToArray()
                    : [];
                packages.Add(new InstalledCondaPackage(Text("name"), Text("version"), Text("build"), Text("channel"), Text("subdir"), Text("url"), Text("md5"), Text("sha256"), Text("requested_spec"), depends, missing));
            }
            catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
            {
            }
        }

        return packages.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
    }
}
