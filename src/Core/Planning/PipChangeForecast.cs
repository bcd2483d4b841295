using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Planning;

/// <summary>
/// Whether the declaration asks an env for a pip package it did not hold at the last complete build:
/// one added, or pinned where the recorded version no longer fits. Read from the stamp alone, before
/// the disk or the lock, so the build can start the env's pip ahead (<see cref="Pip.PipAhead"/>)
/// while it works out the change. A guess that is wrong costs a process stopped unused, never a wrong env.
/// </summary>
public static class PipChangeForecast
{
    public static bool ExpectsInstall(EnvSpec spec, EnvStamp? stamp)
    {
        if (stamp is not { Complete: true })
        {
            return false;
        }

        var recorded = stamp.PipPackages.ToDictionary(p => p.Name, p => p.Requirement, StringComparer.Ordinal);
        return spec.PipPackages.Any(declared => !recorded.TryGetValue(declared.NormalizedName, out var requirement) || !StillFits(declared, requirement));
    }

    /// <summary>The recorded requirement (a lock's <c>name==version</c>, or the declared one) still gives what the declaration asks.</summary>
    private static bool StillFits(PipRequirement declared, string recorded)
    {
        var pin = recorded.IndexOf("==", StringComparison.Ordinal);
        return pin > 0 && !recorded.Contains(',', StringComparison.Ordinal)
            ? RequirementVersions.IsSatisfiedBy(declared, recorded[(pin + 2)..].Trim())
            : recorded == declared.ToRequirementString();
    }
}
