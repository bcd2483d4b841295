using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Planning;

/// <summary>What a build will do to one env, and why (the reasons are logged).</summary>
/// <param name="Install">Requirements handed to pip install (pip also fixes their dependencies).</param>
/// <param name="Reinstall">Damaged distributions, reinstalled at the version they have, without touching others.</param>
/// <param name="Uninstall">Normalised names of distributions to remove.</param>
/// <param name="Leftovers">Folders pip left in site-packages when it was interrupted, to delete.</param>
public sealed record EnvPlan(
    PlanAction Action,
    IReadOnlyList<PipRequirement> Install,
    IReadOnlyList<StampedDistribution> Reinstall,
    IReadOnlyList<string> Uninstall,
    IReadOnlyList<string> Leftovers,
    IReadOnlyList<string> Reasons)
{
    public bool CreatesEnv => Action is PlanAction.Create or PlanAction.Recreate;

    public bool ChangesPackages => Install.Count > 0 || Reinstall.Count > 0 || Uninstall.Count > 0 || Leftovers.Count > 0;

    internal static EnvPlan Make(PlanAction action, IReadOnlyList<PipRequirement> install, string reason) =>
        new(action, install, [], [], [], [reason]);
}
