using System.Text.Json;
using System.Text.Json.Serialization;

namespace M1Env.Core.Engine.Publishing;

/// <summary>
/// What a published env folder was laid out from, in <see cref="FileName"/> inside it: the managed
/// build and the lock. A second publish that finds the same record does nothing; the generated
/// <c>M1EnvInfo</c> takes the file's presence beside the app as the sign that it runs from a publish folder.
/// </summary>
/// <param name="Python">The managed build's version (<c>3.11.16</c>).</param>
/// <param name="Platform">The managed build's platform (<c>linux-64</c>).</param>
/// <param name="Build">Where the managed build was installed, which names it exactly.</param>
/// <param name="LockHash">The sha256 of the lock file whose packages were installed; empty for an env without packages.</param>
public sealed record PublishedRecord(string Python, string Platform, string Build, string LockHash)
{
    public const string FileName = "m1env-published.json";

    public static PublishedRecord? Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        try
        {
            return File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllText(file), PublishedRecordJsonContext.Default.PublishedRecord) : null;
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            // A damaged record only means the folder is laid out again.
            return null;
        }
    }

    public void Write(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, PublishedRecordJsonContext.Default.PublishedRecord));
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PublishedRecord))]
internal sealed partial class PublishedRecordJsonContext : JsonSerializerContext;
