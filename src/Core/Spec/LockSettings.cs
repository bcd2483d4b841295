using M1Env.Core.Packaging;

namespace M1Env.Core.Spec;

/// <summary>The build's lock properties, validated.</summary>
/// <param name="Platforms">M1EnvLockPlatforms: the platforms every lock covers (osx-arm64, linux-x64, win-x64...), this machine's when empty.</param>
/// <param name="Update">M1EnvLockUpdate: normalised names resolved again even though their declaration did not change.</param>
/// <param name="Relock">The M1EnvLock target: resolve everything again, taking newer versions within the declared ranges.</param>
/// <param name="PrivateHosts">M1EnvLockPrivateHosts: index hosts whose names never go into a lock file.</param>
public sealed record LockSettings(
    LockMode Mode,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<string> Update,
    bool Relock,
    IReadOnlyList<string> PrivateHosts)
{
    public static LockSettings Default { get; } = new(LockMode.Normal, [], [], false, []);

    /// <summary>The settings from the build's properties, as the task and the tool read them (M1EnvFrozen wins over M1EnvLockedMode).</summary>
    public static LockSettings FromProperties(bool frozen, bool lockedMode, IEnumerable<string> platforms, IEnumerable<string> update, bool relock, IEnumerable<string> privateHosts) =>
        new(
            frozen ? LockMode.Frozen : lockedMode ? LockMode.Locked : LockMode.Normal,
            Entries(platforms),
            Entries(update).Select(PackageNames.Normalize).ToArray(),
            relock,
            Entries(privateHosts));

    private static string[] Entries(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
}
