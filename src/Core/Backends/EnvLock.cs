using M1Env.Core.Installers.Pip;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Backends;

/// <summary>
/// What an env's lock makes of its spec: every locked package pinned exactly (the spec the planner
/// then compares with the disk), the hash of the lock's bytes in the spec (so an edited or
/// checked-out lock is applied again), and the lock files the no-op key watches.
/// </summary>
/// <param name="Spec">The spec as the lock makes it.</param>
/// <param name="Files">Every lock file of the env (all platforms), as the build key watches them.</param>
/// <param name="Pip">How pip installs the locked artifacts, hashes and all; null when the lock holds no pip packages.</param>
public sealed record EnvLock(EnvSpec Spec, IReadOnlyList<string> Files, LockedPip? Pip)
{
    /// <summary>Resolving the lock installed into the env (<see cref="InPlacePipResolution"/>): what is on disk must be read again.</summary>
    public bool ChangedEnv => Pip?.InstalledInPlace == true;

    /// <summary>
    /// What is left to lock once the env's own interpreter exists (a new conda env's pip packages,
    /// which its Python resolves), returning the whole lock; null when nothing is.
    /// </summary>
    public Func<PythonInterpreter, CancellationToken, Task<EnvLock>>? OnceCreated { get; init; }
}
