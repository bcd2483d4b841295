using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Locking;

/// <summary>What a new lock changes against the old one, in words a build log shows: added, removed, moved.</summary>
public static class LockChanges
{
    public static IReadOnlyList<string> Describe(PyLock? before, PyLock after) => Describe(Versions(before), Versions(after));

    /// <summary>The same, for any lock told as name to version: <c>+</c> added, <c>-</c> removed, <c>~</c> moved, sorted.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyDictionary<string, string> old, IReadOnlyDictionary<string, string> now)
    {
        var lines = new List<string>();
        lines.AddRange(now.Where(p => !old.ContainsKey(p.Key)).Select(p => $"+ {p.Key} {p.Value}"));
        lines.AddRange(old.Where(p => !now.ContainsKey(p.Key)).Select(p => $"- {p.Key} {p.Value}"));
        lines.AddRange(now.Where(p => old.TryGetValue(p.Key, out var v) && v != p.Value).Select(p => $"~ {p.Key} {old[p.Key]} -> {p.Value}"));
        return lines.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Name to its versions (several when platforms differ), joined: what a reader compares.</summary>
    private static Dictionary<string, string> Versions(PyLock? lockFile) =>
        (lockFile?.Packages ?? [])
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("/", g.Select(p => p.Version ?? "?").Distinct().Order(StringComparer.Ordinal)), StringComparer.Ordinal);
}
