using M1Env.Core.Locking;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Backends;

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
    /// <summary>Conda specs to install (all of them when the env is made); always empty for a venv.</summary>
    public IReadOnlyList<CondaRequirement> CondaInstall { get; init; } = [];

    /// <summary>Damaged conda packages, reinstalled at the version and build they have.</summary>
    public IReadOnlyList<StampedDistribution> CondaRepair { get; init; } = [];

    /// <summary>Conda packages to remove, by name.</summary>
    public IReadOnlyList<string> CondaRemove { get; init; } = [];

    /// <summary>
    /// What the planner checked and found needs no step (a changed requirement the installed version
    /// satisfies): never a reason, so a plan lists only what the build changes; kept for <c>--json</c>.
    /// </summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>What the build would do with each of the env's lock files, in words (set by the plan, not by the planner).</summary>
    public IReadOnlyList<string> LockNotes { get; init; } = [];

    /// <summary>
    /// How the build resolves the env's pip lock while it carries the plan out, when the lock phase
    /// left it pending: pip then installs <see cref="Install"/> (and, for an env it makes, every
    /// declared package), the lock is written from what pip did, and what the new lock no longer
    /// holds is removed. <see cref="PipLockStrategy.None"/> when no lock is pending.
    /// </summary>
    public PipLockStrategy PipLock { get; init; }

    public bool CreatesEnv => Action is PlanAction.Create or PlanAction.Recreate;

    public bool ChangesCondaPackages => CondaInstall.Count > 0 || CondaRepair.Count > 0 || CondaRemove.Count > 0;

    public bool ChangesPipPackages => Install.Count > 0 || Reinstall.Count > 0 || Uninstall.Count > 0 || Leftovers.Count > 0;

    public bool ChangesPackages => ChangesCondaPackages || ChangesPipPackages;

    internal static EnvPlan Make(PlanAction action, EnvSpec spec, string reason) =>
        new(action, spec.PipPackages, [], [], [], [reason]) { CondaInstall = spec.CondaPackages };
}
