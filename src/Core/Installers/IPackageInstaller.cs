
namespace M1Env.Core.Installers;

/// <summary>
/// The PyPI layer of every env, whatever its kind: the seam behind which pip works today, and a
/// native or uv installer could later. The engine hands it the plan's package part and the env as its
/// backend describes it (<see cref="InstallTarget"/>); the installer never asks which kind of env it is.
/// A new installer is a folder under <c>Installers/</c> implementing this, registered in
/// <c>EnvProvisioner</c>'s constructor.
/// </summary>
public interface IPackageInstaller
{
    /// <summary>
    /// Finishes a pending lock now that the env exists, keeping for later envs what the install
    /// that resolved it put into the env; returns what the env must hold from now on.
    /// </summary>
    Task<LockedPackages> FinishLockAsync(IPendingLock pending, InstallTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// Removes, reinstalls and installs (<see cref="PackageChanges"/>, in that order): from the lock's
    /// files with their hashes where the env has a lock, and the installer itself where the env lacks it.
    /// </summary>
    Task ApplyAsync(InstallTarget target, PackageChanges changes, LockedPackages? locked, CancellationToken cancellationToken);
}
