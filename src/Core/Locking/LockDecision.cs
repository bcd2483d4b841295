using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Core.Locking;

/// <summary>What a build does with an env's lock before it installs anything.</summary>
public enum LockAction
{
    /// <summary>Install the lock as it is.</summary>
    Install,

    /// <summary>Resolve again (only what changed stays free, the rest keeps its locked versions), write the lock, then install it.</summary>
    Resolve,
}

/// <summary>
/// Decides, from the mode, the lock on disk and how the declaration differs from it, whether the
/// lock is installed as it is, resolved again, or refused (locked mode). A pure function.
/// </summary>
public static class LockDecision
{
    /// <param name="lockExists">The lock file is there and readable.</param>
    /// <param name="missingPlatforms">Platforms M1EnvLockPlatforms asks for that the lock does not cover.</param>
    public static LockAction Decide(LockSettings settings, string lockFile, bool lockExists, LockDifference difference, IReadOnlyList<string> missingPlatforms)
    {
        if (settings.Mode == LockMode.Frozen)
        {
            return lockExists
                ? LockAction.Install
                : throw new M1EnvException(ErrorCodes.LockedModeMismatch,
                    $"M1EnvFrozen is true, but there is no lock file {lockFile} to install. Build once without M1EnvFrozen to write it, and commit it.");
        }

        if (settings.Mode == LockMode.Locked)
        {
            var problems = !lockExists
                ? [$"there is no lock file {lockFile}"]
                : difference.Describe().Concat(missingPlatforms.Select(p => $"the lock does not cover the platform {p} (M1EnvLockPlatforms)")).ToArray();
            return problems.Length == 0 && !settings.Relock && settings.Update.Count == 0
                ? LockAction.Install
                : throw new M1EnvException(ErrorCodes.LockedModeMismatch,
                    $"M1EnvLockedMode is true (the default when ContinuousIntegrationBuild is), and the lock {lockFile} does not match the declaration:"
                    + Environment.NewLine + string.Join(Environment.NewLine, (problems.Length == 0 ? ["M1EnvLock or M1EnvLockUpdate asks to resolve again"] : problems).Select(p => "  - " + p))
                    + Environment.NewLine + "Build without locked mode to update the lock, and commit it.");
        }

        return !lockExists || !difference.IsEmpty || missingPlatforms.Count > 0 || settings.Relock || settings.Update.Count > 0
            ? LockAction.Resolve
            : LockAction.Install;
    }

    /// <summary>
    /// The versions a resolution keeps: every locked package but those the declaration changed or
    /// added, those M1EnvLockUpdate names, and all of them on M1EnvLock.
    /// </summary>
    /// <param name="locked">Normalised name to locked version, every package of the lock.</param>
    public static IReadOnlyDictionary<string, string> Pins(LockSettings settings, LockDifference difference, IReadOnlyDictionary<string, string> locked)
    {
        if (settings.Relock)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var free = difference.Added.Concat(difference.Changed.Keys).Concat(settings.Update).ToHashSet(StringComparer.Ordinal);
        return locked.Where(p => !free.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
