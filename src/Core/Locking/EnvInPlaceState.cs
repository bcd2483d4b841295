namespace M1Env.Core.Locking;

/// <summary>Where the env stands in this build, as its lock stage is told: pip may later install into it, so a lock that must be resolved can be resolved by that install.</summary>
public enum EnvInPlaceState
{
    /// <summary>It exists, and the build keeps it.</summary>
    Kept,

    /// <summary>The build makes it (again) before it installs anything into it: it then holds no package, so pip's report names everything it installs.</summary>
    ToBeMade,
}
