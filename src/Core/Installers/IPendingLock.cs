using M1Env.Core.Locking;

namespace M1Env.Core.Installers;

/// <summary>
/// A lock whose resolution for this machine comes from the build's own changes: the lock phase
/// leaves it so, the plan says how (<see cref="Strategy"/>), and the installer finishes it when the
/// plan is applied (<see cref="IPackageInstaller.FinishLockAsync"/>). Nothing is installed or written before.
/// </summary>
public interface IPendingLock
{
    /// <summary>How this machine's resolution is made.</summary>
    PipLockStrategy Strategy { get; }

    /// <summary>Resolves what is left (installing where <see cref="Strategy"/> says so) and writes the lock.</summary>
    /// <param name="target">The env, which exists by now; its <see cref="InstallTarget.Interpreter"/> runs the installer.</param>
    Task<ResolvedLock> FinishAsync(InstallTarget target, CancellationToken cancellationToken);
}
