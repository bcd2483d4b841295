using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace M1Env.Core.State;

/// <summary>
/// Reads and writes the files M1Env keeps in <c>&lt;prefix&gt;/.m1env/</c>: the stamp, the record of the
/// base interpreter, and the build key that lets MSBuild decide a no-op without loading the task
/// assembly. Every write goes to a temporary file that is then moved over the old one, so a reader
/// sees either the old or the new content, never half of it.
/// </summary>
public sealed class StampStore(string prefix)
{
    // Paths and versions stay readable in the file ("3.11+abc", not "3.11\u002Babc").
    private static readonly StampJsonContext Json =
        new(new JsonSerializerOptions(StampJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public string StateDirectory => Path.Combine(prefix, ".m1env");

    public string StampPath => Path.Combine(StateDirectory, "stamp.json");

    public string InterpreterPath => Path.Combine(StateDirectory, "interpreter.json");

    public string BuildKeyPath => Path.Combine(StateDirectory, "build.key");

    /// <summary>The stamp, or null when there is none or it cannot be read (then the env is re-checked on disk).</summary>
    public EnvStamp? Read()
    {
        var stamp = ReadJson(StampPath, Json.EnvStamp);

        // A stamp of another schema, or one cut short by hand, is no stamp at all.
        return stamp is { Schema: EnvStamp.CurrentSchema }
            && stamp.Owner is not null && stamp.Location is not null && (stamp.Interpreter is not null || !stamp.Created)
            && stamp.PipPackages is not null && stamp.Installed is not null
            && stamp.CondaPackages is not null && stamp.CondaInstalled is not null
            ? stamp
            : null;
    }

    public void Write(EnvStamp stamp) =>
        WriteAtomically(StampPath, JsonSerializer.SerializeToUtf8Bytes(stamp, Json.EnvStamp));

    public InterpreterRecord? ReadInterpreter() =>
        ReadJson(InterpreterPath, Json.InterpreterRecord) is { Interpreter: not null, Fingerprint: not null } record ? record : null;

    public void WriteInterpreter(InterpreterRecord record) =>
        WriteAtomically(InterpreterPath, JsonSerializer.SerializeToUtf8Bytes(record, Json.InterpreterRecord));

    /// <summary>Writes the key that M1Env.targets reads; its format is part of the contract between the two (<see cref="BuildKey"/>).</summary>
    public void WriteBuildKey(BuildKey key) =>
        WriteAtomically(BuildKeyPath, Encoding.UTF8.GetBytes(key.Format()));

    /// <summary>
    /// Writes a copy of the key where M1Env.targets looks for a named conda env's key (in M1EnvRoot):
    /// the targets cannot find conda's envs folder themselves.
    /// </summary>
    public static void WriteBuildKeyCopy(string path, BuildKey key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteAtomicallyTo(path, Encoding.UTF8.GetBytes(key.Format()));
    }

    /// <summary>Adds the project's cache key to the build key at <paramref name="path"/>, if there is one (see <see cref="BuildKey.WithProjectCacheKey"/>).</summary>
    public static void AddProjectCacheKey(string path, string projectKey)
    {
        if (File.Exists(path))
        {
            WriteAtomicallyTo(path, Encoding.UTF8.GetBytes(BuildKey.WithProjectCacheKey(File.ReadAllText(path), projectKey)));
        }
    }

    /// <summary>Deletes the build key, if there is one (a new prefix has no state folder yet).</summary>
    public void DeleteBuildKey()
    {
        if (File.Exists(BuildKeyPath))
        {
            File.Delete(BuildKeyPath);
        }
    }

    private static T? ReadJson<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type);
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    private void WriteAtomically(string path, byte[] content)
    {
        Directory.CreateDirectory(StateDirectory);
        WriteAtomicallyTo(path, content);
    }

    private static void WriteAtomicallyTo(string path, byte[] content)
    {
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
