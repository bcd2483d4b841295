using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// What to resolve when the declaration of a locked env changed: the packages whose declaration did
/// not change stay at their locked build, the changed and added ones are free, so a new lock moves
/// only what the change asks for (and what it needs).
/// </summary>
public static class CondaLockUpdate
{
    /// <summary>
    /// The specs for the resolution: each declared spec, and for a declared package whose spec is in
    /// <paramref name="previous"/>'s declared specs unchanged, its exact locked build instead
    /// (<c>name==version=build</c>, see <see cref="CondaLockedPackage.ExactSpec"/>).
    /// </summary>
    /// <param name="declaredSpecs">The match specs declared now: the Python pin and the conda packages.</param>
    /// <param name="previous">The lock made from the earlier declaration, or null for a first lock (then every spec is free).</param>
    /// <remarks>
    /// Only declared packages are pinned: their dependencies follow from them, and pinning those too
    /// could make a changed package unsatisfiable (a new pkgb may need a newer pkga). The header of
    /// the new lock records <paramref name="declaredSpecs"/>, never the pins.
    /// </remarks>
    public static IReadOnlyList<string> Specs(IReadOnlyList<string> declaredSpecs, CondaLock? previous)
    {
        ArgumentNullException.ThrowIfNull(declaredSpecs);
        var unchanged = previous is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : previous.DeclaredSpecs.Select(Canonical).ToHashSet(StringComparer.Ordinal);
        return declaredSpecs
            .Select(spec => unchanged.Contains(Canonical(spec)) && previous!.Find(CondaInstallOrder.SpecName(spec)) is { } locked
                ? locked.ExactSpec
                : spec.Trim())
            .ToArray();
    }

    /// <summary>The declared specs that changed or are new since <paramref name="previous"/>: those resolved freely.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyList<string> declaredSpecs, CondaLock? previous)
    {
        var before = previous?.DeclaredSpecs.Select(Canonical).ToHashSet(StringComparer.Ordinal) ?? [];
        return declaredSpecs.Where(spec => !before.Contains(Canonical(spec))).Select(s => s.Trim()).ToArray();
    }

    /// <summary>True when the lock was made from exactly these declared specs (order and spacing aside): it is current.</summary>
    public static bool IsCurrent(CondaLock condaLock, IReadOnlyList<string> declaredSpecs) =>
        condaLock.DeclaredSpecs.Select(Canonical).ToHashSet(StringComparer.Ordinal)
            .SetEquals(declaredSpecs.Select(Canonical));

    private static string Canonical(string spec) => string.Join(' ', spec.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
