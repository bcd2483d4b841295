using System.Collections.Concurrent;

namespace M1Env.Core.Processes;

/// <summary>
/// The answers of probes (an interpreter's identity, the wheels it takes) within one build, shared by
/// the envs provisioned side by side: three envs of one CPython ask it once, not three times. Lives
/// as long as the provisioner; a probe that failed is not kept, so the next asker runs it again.
/// </summary>
public sealed class ProbeMemo
{
    private readonly ConcurrentDictionary<(string Kind, string Key), Lazy<Task<object>>> answers = new();

    /// <param name="kind">Which probe, so two probes of one file do not share answers.</param>
    /// <param name="key">What was probed (an executable's path).</param>
    public async Task<T> GetOrRunAsync<T>(string kind, string key, Func<Task<T>> probe)
        where T : notnull
    {
        var lazy = answers.GetOrAdd((kind, key), _ => new Lazy<Task<object>>(async () => await probe().ConfigureAwait(false)));
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
}
