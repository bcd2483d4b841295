using System.Text.Json;

namespace M1Env.Core.Packaging.Conda;

/// <summary>Lenient reads of conda's JSON: a missing key, a null or a value of another type all read as absent.</summary>
internal static class CondaJson
{
    public static string? String(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A string, or null when it is empty or conda's <c>"None"</c> (Python's <c>str(None)</c>).</summary>
    public static string? Text(JsonElement element, string key) =>
        String(element, key) is { } text && text.Trim() is { Length: > 0 } trimmed && trimmed != "None" ? trimmed : null;

    public static bool Bool(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The objects of an array; empty when the key is missing, null (micromamba's empty list) or not an array.</summary>
    public static IEnumerable<JsonElement> Objects(JsonElement element, string key) =>
        Array(element, key).Where(item => item.ValueKind == JsonValueKind.Object);

    /// <summary>The strings of an array; empty when the key is missing, null or not an array.</summary>
    public static IReadOnlyList<string> Strings(JsonElement element, string key) =>
        Array(element, key).Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToArray();

    private static IEnumerable<JsonElement> Array(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
