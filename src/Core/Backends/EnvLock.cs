using M1Env.Core.Installers;
using M1Env.Core.Spec;

namespace M1Env.Core.Backends;

/// <summary>
/// What an env's lock makes of its spec: every locked package pinned exactly (the spec the planner
/// then compares with the disk), the hash of the lock's bytes in the spec (so an edited or
/// checked-out lock is applied again), and the lock files the no-op key watches.
/// </summary>
/// <param name="Spec">The spec as the lock makes it (its pip packages as declared while <paramref name="PendingPip"/> is pending).</param>
/// <param name="Files">Every lock file of the env (all platforms), as the build key watches them.</param>
/// <param name="Pip">How pip installs the locked artifacts, hashes and all; null when the lock holds no pip packages, or they are pending.</param>
/// <param name="PendingPip">The pip lock whose resolution for this machine the build makes when it applies the plan (<see cref="IPendingLock"/>); null when none is pending.</param>
public sealed record EnvLock(EnvSpec Spec, IReadOnlyList<string> Files, LockedPackages? Pip, IPendingLock? PendingPip = null);
