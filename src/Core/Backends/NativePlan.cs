using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Backends;

/// <summary>
/// What an env's own package manager must change, planned by the env's backend from files alone
/// (<see cref="IEnvBackend.PlanNative"/>): a conda env's conda packages. A venv has no such layer.
/// </summary>
/// <param name="Install">Specs to install (or install again at another version).</param>
/// <param name="Repair">Damaged packages to reinstall at the version they have.</param>
/// <param name="Remove">Packages to remove.</param>
/// <param name="MatchesRecord">Whether what the layer holds is what the stamp recorded; when not, and nothing changes, the build records it again.</param>
public sealed record NativePlan(
    IReadOnlyList<CondaRequirement> Install,
    IReadOnlyList<StampedDistribution> Repair,
    IReadOnlyList<string> Remove,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Details,
    bool MatchesRecord)
{
    public static NativePlan None { get; } = new([], [], [], [], [], MatchesRecord: true);

    public bool Changes => Install.Count > 0 || Repair.Count > 0 || Remove.Count > 0;
}
