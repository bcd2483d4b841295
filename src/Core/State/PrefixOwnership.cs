using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.State;

/// <summary>
/// One owner per prefix: two declarations on one prefix would undo each other on every build, so
/// the second is refused before anything changes. A stamp written at another location (a moved or
/// copied env) belongs to that location, not to this prefix, and decides nothing here.
/// </summary>
public static class PrefixOwnership
{
    /// <returns>Null when <paramref name="owner"/> owns the prefix; a reason when it takes over from an owner that is gone.</returns>
    /// <exception cref="M1EnvException">M1E014 when another project that still exists owns the prefix.</exception>
    public static string? Check(EnvStamp? stamp, EnvOwner owner, string realPrefix, Func<string, bool> projectExists)
    {
        if (stamp is null || !PathIdentity.AreEqual(stamp.Location, realPrefix) || PathIdentity.AreEqual(stamp.Owner.ProjectFile, owner.ProjectFile))
        {
            return null;
        }

        if (!projectExists(stamp.Owner.ProjectFile))
        {
            return $"its previous owner, {stamp.Owner}, no longer exists";
        }

        throw new M1EnvException(
            ErrorCodes.PrefixOwnedElsewhere,
            $"The prefix {realPrefix} of {owner} belongs to {stamp.Owner}. Two declarations on one prefix would undo each other on every build; nothing was changed. Give one of them another Prefix, or delete {realPrefix} if that project no longer uses it.");
    }
}
