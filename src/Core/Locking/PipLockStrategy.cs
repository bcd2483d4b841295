namespace M1Env.Core.Locking;

/// <summary>How the build gets this machine's resolution of an env's pip lock, when the lock stage leaves it to the build's changes (a pending lock).</summary>
public enum PipLockStrategy
{
    /// <summary>Nothing is left pending: the lock is installed as it is, resolved by pip's dry run before anything changes, or there is none.</summary>
    None,

    /// <summary>One <c>pip install --report</c> into the env installs the requirements (the other locked packages held as constraints) and its report resolves the lock for this machine.</summary>
    InstallWithReport,

    /// <summary>The env's own Python locks its pip packages (pip's dry run, around its conda packages) once the env is made; then they are installed from that lock.</summary>
    OnceCreated,
}
