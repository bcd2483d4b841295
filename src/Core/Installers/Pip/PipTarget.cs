using M1Env.Core.Inspection;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// The env pip installs into, as the env's backend describes it, so pip never asks which kind of env it is.
/// </summary>
/// <param name="Python">The env's own interpreter: what pip runs in it installs into the env.</param>
/// <param name="Read">What the env holds now, from its files.</param>
/// <param name="PipWheelWhileMissing">The pip wheel pip runs from while the env has no pip of its own; null when it has one.</param>
internal sealed record PipTarget(string Python, Func<InstalledEnv> Read, Func<string?> PipWheelWhileMissing);
