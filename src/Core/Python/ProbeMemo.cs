using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Python;

/// <summary>
/// The answers of probes (an interpreter's identity, the wheels it takes), shared by the envs
/// provisioned side by side: three envs of one CPython ask it once, not three times. An answer about
/// an interpreter's own file is also kept in <paramref name="folder"/> for later builds, as long as
/// that file is unchanged (the same rule an env's interpreter record follows), so a fresh env of a
/// known interpreter starts no probe. A probe that failed is not kept, so the next asker runs it again.
/// </summary>
/// <param name="folder">Where answers are kept across builds (<c>M1EnvToolsDir/probes</c>); null to keep them for this build only.</param>
public sealed class ProbeMemo(string? folder = null)
{
    private readonly ConcurrentDictionary<(string Kind, string Key), Lazy<Task<object>>> answers = new();

    /// <param name="kind">Which probe, so two probes of one file do not share answers.</param>
    /// <param name="key">What was probed (an executable's path).</param>
    /// <param name="kept">How an answer is written down, to keep it across builds; null to keep it for this build only.</param>
    /// <param name="mayKeep">Whether an answer holds across builds while <paramref name="key"/>'s file is unchanged (not one a launcher such as a shim chose).</param>
    public async Task<T> GetOrRunAsync<T>(string kind, string key, Func<Task<T>> probe, JsonTypeInfo<KeptProbe<T>>? kept = null, Func<T, bool>? mayKeep = null)
        where T : notnull
    {
        var lazy = answers.GetOrAdd((kind, key), _ => new Lazy<Task<object>>(async () =>
        {
            var file = kept is null || folder is null ? null : Path.Combine(folder, FileName(kind, key, typeof(T).Name));
            if (file is not null && Read(file, key, kept!) is { } known)
            {
                UseRecord.Record(file);
                return known;
            }

            var answer = await probe().ConfigureAwait(false);
            if (file is not null && (mayKeep?.Invoke(answer) ?? true))
            {
                Write(file, key, answer, kept!);
            }

            return answer;
        }));
        try
        {
            return (T)await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            answers.TryRemove(new KeyValuePair<(string, string), Lazy<Task<object>>>((kind, key), lazy));
            throw;
        }
    }

    /// <summary>By the probe, the file, and the answer's type, so an answer of another shape is never read as this one.</summary>
    private static string FileName(string kind, string key, string answerType) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{PathIdentity.RealPath(key)}\n{answerType}")), 0, 16).ToLowerInvariant() + ".json";

    private static T? Read<T>(string file, string key, JsonTypeInfo<KeptProbe<T>> kept)
    {
        try
        {
            var answer = JsonSerializer.Deserialize(File.ReadAllText(file), kept);
            return answer is not null && answer.Key == PathIdentity.RealPath(key) && answer.Fingerprint == FileFingerprint.Of(key) ? answer.Answer : default;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            // Not kept yet, or written by another version: asked again, and kept anew.
            return default;
        }
    }

    private static void Write<T>(string file, string key, T answer, JsonTypeInfo<KeptProbe<T>> kept)
    {
        if (FileFingerprint.Of(key) is not { } fingerprint)
        {
            return;
        }

        var scratch = $"{file}.{Guid.NewGuid():N}.partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(scratch, JsonSerializer.Serialize(new KeptProbe<T>(PathIdentity.RealPath(key), fingerprint, answer), kept));
            File.Move(scratch, file, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The tools folder is not writable: the next build asks again.
            Leftovers.DeleteFile(scratch);
        }
    }
}
