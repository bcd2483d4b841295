namespace M1Env.Core.Installers.Pip;

/// <summary>What the lock phase made of a pip lock: the lock to install, or one left pending for the build; neither when a plan leaves a lock to be resolved.</summary>
public sealed record PipLockStep(LockedPackages? Locked, PendingPipLock? Pending);
