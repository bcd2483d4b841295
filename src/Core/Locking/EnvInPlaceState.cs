namespace M1Env.Core.Locking;

/// <summary>Where the env offered to a lock stage stands in this build.</summary>
public enum EnvInPlaceState
{
    /// <summary>It exists, and the build keeps it.</summary>
    Kept,

    /// <summary>The build makes it (again) after the lock stage: nothing can be installed into it yet.</summary>
    ToBeMade,

    /// <summary>The build has just made it: it holds no package, so pip's report names everything it installs.</summary>
    JustMade,
}
