namespace M1Env.Core.Locking;

/// <summary>How the declaration differs from what the lock was resolved for, by normalised name.</summary>
/// <param name="Added">Declared now, not when the lock was written.</param>
/// <param name="Removed">In the lock's declaration, not declared now.</param>
/// <param name="Changed">Declared both times, with another requirement now: name, then (locked, declared).</param>
public sealed record LockDifference(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyDictionary<string, (string Locked, string Declared)> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <param name="declared">Normalised name to requirement string, as declared now.</param>
    /// <param name="locked">Normalised name to requirement string, as the lock records its declaration.</param>
    public static LockDifference Between(IReadOnlyDictionary<string, string> declared, IReadOnlyDictionary<string, string> locked) =>
        new(
            declared.Keys.Where(name => !locked.ContainsKey(name)).Order(StringComparer.Ordinal).ToArray(),
            locked.Keys.Where(name => !declared.ContainsKey(name)).Order(StringComparer.Ordinal).ToArray(),
            declared
                .Where(d => locked.TryGetValue(d.Key, out var old) && old != d.Value)
                .OrderBy(d => d.Key, StringComparer.Ordinal)
                .ToDictionary(d => d.Key, d => (locked[d.Key], d.Value), StringComparer.Ordinal));

    /// <summary>One line per difference, as locked mode's error lists them.</summary>
    public IEnumerable<string> Describe()
    {
        foreach (var name in Added)
        {
            yield return $"{name} is declared but not in the lock";
        }

        foreach (var name in Removed)
        {
            yield return $"{name} is in the lock but no longer declared";
        }

        foreach (var (name, (locked, declared)) in Changed)
        {
            yield return $"{name} is locked for {locked}, and the declaration says {declared}";
        }
    }
}
