namespace M1Env.Core.Cache;

/// <summary>What <see cref="KeptFile.Check"/> found.</summary>
public enum KeptFileState
{
    /// <summary>Its size and time are the recorded ones.</summary>
    Unchanged,

    /// <summary>Its time (or the record of it) is not what was recorded, but its content is what was kept.</summary>
    SameContent,

    /// <summary>Its content is not what was kept, or cannot be told to be.</summary>
    Changed,
}
