using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Core.Locking;

/// <summary>
/// An env's lock against its declaration, read from files alone: whether the lock is there, what
/// the declaration changed since it was written, and which platforms it lacks. Both the build (which
/// then installs, resolves or fails) and the plan (which says so) start from it.
/// </summary>
/// <param name="File">This machine's lock file.</param>
/// <param name="Exists">It is there and readable.</param>
/// <param name="MissingPlatforms">Platforms the lock must cover and does not.</param>
public sealed record LockAssessment(string File, bool Exists, LockDifference Difference, IReadOnlyList<string> MissingPlatforms)
{
    /// <exception cref="M1EnvException">Locked mode or M1EnvFrozen with a lock that does not do (see <see cref="LockDecision.Decide"/>).</exception>
    public LockAction Decide(LockSettings settings) => LockDecision.Decide(settings, File, Exists, Difference, MissingPlatforms);

    /// <summary>A build would install the lock as it is: nothing to resolve, nothing refused.</summary>
    public bool InstallsAsIs(LockSettings settings)
    {
        try
        {
            return Decide(settings) == LockAction.Install;
        }
        catch (M1EnvException)
        {
            return false;
        }
    }

    /// <summary>What a build would do with the lock, in words, for the plan.</summary>
    public string Describe(LockSettings settings)
    {
        var name = Path.GetFileName(File);
        try
        {
            if (Decide(settings) == LockAction.Install)
            {
                return $"the lock {name} matches the declaration: the build installs exactly what it holds";
            }
        }
        catch (M1EnvException exception)
        {
            return $"the build fails ({exception.Code}): {exception.Message}";
        }

        var why = !Exists ? ["there is no lock yet"]
            : settings.Relock ? ["M1EnvLock resolves every package again"]
            : Difference.Describe().Concat(MissingPlatforms.Select(p => $"it does not cover {p}"))
                .Concat(settings.Update.Count > 0 ? [$"M1EnvLockUpdate frees {string.Join(", ", settings.Update)}"] : [])
                .ToArray();
        return $"the build resolves the lock {name} again and writes it ({string.Join("; ", why)})";
    }
}
