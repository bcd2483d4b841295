namespace M1Env.Core.Locking;

/// <summary>
/// The env a build provisions, offered to its lock stage: a lock that must be resolved for this
/// machine may then be resolved by installing into the env, one pip run instead of a resolution and
/// then an install. An env the build makes (again) is offered once it is made.
/// </summary>
/// <param name="Prefix">The env's folder, read back after pip ran.</param>
/// <param name="Python">The env's own interpreter, whose pip installs.</param>
/// <param name="BeforeChange">Called once before anything in the env changes (it forgets the no-op key and marks the stamp as under way).</param>
public sealed record EnvInPlace(string Prefix, string Python, Action BeforeChange, EnvInPlaceState State = EnvInPlaceState.Kept)
{
    /// <summary>pip can install into it now.</summary>
    public bool CanInstall => State != EnvInPlaceState.ToBeMade;
}
