using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>Reads a JSON file M1Env keeps for itself (a manifest, a kept answer).</summary>
public static class JsonFile
{
    /// <summary>The file's content; null when it is missing, unreadable, or not of this shape (written by another version).</summary>
    public static T? TryRead<T>(string path, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), typeInfo);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
