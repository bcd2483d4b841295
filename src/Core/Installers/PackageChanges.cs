using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Installers;

/// <summary>What a plan asks of the PyPI layer in one env, carried out in this order.</summary>
/// <param name="Uninstall">Normalised names of distributions to remove.</param>
/// <param name="Reinstall">Distributions to install again at the version they have (damaged ones).</param>
/// <param name="Install">Requirements to install: exact pins where the env has a lock.</param>
public sealed record PackageChanges(IReadOnlyList<string> Uninstall, IReadOnlyList<StampedDistribution> Reinstall, IReadOnlyList<PipRequirement> Install);
