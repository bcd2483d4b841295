using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace M1Env.Core.State;

/// <summary>
/// Reads and writes the files M1Env keeps in <c>&lt;prefix&gt;/.m1env/</c>: the stamp (JSON) and the
/// build key, two lines that let MSBuild decide a no-op without loading the task assembly. Every
/// write goes to a temporary file that is then moved over the old one, so a reader sees either the
/// old or the new content, never half of it.
/// </summary>
public sealed class StampStore(string prefix)
{
    // Paths and versions stay readable in the file ("3.11+abc", not "3.11\u002Babc").
    private static readonly StampJsonContext Json =
        new(new JsonSerializerOptions(StampJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public string StateDirectory => Path.Combine(prefix, ".m1env");

    public string StampPath => Path.Combine(StateDirectory, "stamp.json");

    public string BuildKeyPath => Path.Combine(StateDirectory, "build.key");

    /// <summary>The stamp, or null when there is none or it cannot be read (then the env is re-checked).</summary>
    public EnvStamp? Read()
    {
        try
        {
            var stamp = JsonSerializer.Deserialize(File.ReadAllBytes(StampPath), Json.EnvStamp);
            return stamp is { Schema: EnvStamp.CurrentSchema } ? stamp : null;
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    public void Write(EnvStamp stamp) =>
        WriteAtomically(StampPath, JsonSerializer.SerializeToUtf8Bytes(stamp, Json.EnvStamp));

    /// <summary>
    /// Records, on one line, the MSBuild-side key of the declaration that produced this env, its spec
    /// hash and its base interpreter: <c>key|hash|interpreter</c>. Sdk.targets reads it with property
    /// functions, so the format is part of the contract between the two.
    /// </summary>
    public void WriteBuildKey(string buildKey, string specHash, string interpreter) =>
        WriteAtomically(BuildKeyPath, Encoding.UTF8.GetBytes(FormatBuildKey(buildKey, specHash, interpreter)));

    public static string FormatBuildKey(string buildKey, string specHash, string interpreter) =>
        $"{buildKey}|{specHash}|{interpreter}";

    /// <summary>Deletes the build key, if there is one (a new prefix has no state folder yet).</summary>
    public void DeleteBuildKey()
    {
        if (File.Exists(BuildKeyPath))
        {
            File.Delete(BuildKeyPath);
        }
    }

    private void WriteAtomically(string path, byte[] content)
    {
        Directory.CreateDirectory(StateDirectory);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
