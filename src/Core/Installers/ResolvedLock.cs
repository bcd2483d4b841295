namespace M1Env.Core.Installers;

/// <summary>A pending lock, finished: what the env must hold, and what pip installed into it on the way.</summary>
/// <param name="InstalledNow">The names pip installed into the env while it resolved (<see cref="Locking.PipLockStrategy.InstallWithReport"/>); empty otherwise.</param>
public sealed record ResolvedLock(LockedPackages Locked, IReadOnlyList<string> InstalledNow);
