namespace M1Env.Core.Backends;

public enum PlanAction
{
    /// <summary>The env matches the declaration: nothing to do.</summary>
    UpToDate,

    /// <summary>Nothing in the env changes, only the stamp (e.g. a new tool version or index setting).</summary>
    RefreshStamp,

    /// <summary>No env yet: make it and install every package.</summary>
    Create,

    /// <summary>The env was made from another interpreter: delete it, make it again, install every package.</summary>
    Recreate,

    /// <summary>Install and remove the packages that differ.</summary>
    Update,
}
