namespace M1Env.Core.Spec;

/// <summary>How a build treats an env's lock file.</summary>
public enum LockMode
{
    /// <summary>The lock follows the declaration: what changed is resolved again and written, the rest keeps its locked versions.</summary>
    Normal,

    /// <summary>M1EnvLockedMode (CI): the lock must already match the declaration; any difference fails the build, naming it.</summary>
    Locked,

    /// <summary>M1EnvFrozen: the lock is installed as it is, without comparing it with the declaration.</summary>
    Frozen,
}
