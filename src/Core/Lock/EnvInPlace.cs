namespace M1Env.Core.Lock;

/// <summary>
/// An env that exists and stays (the build does not make it again), offered to its lock stage: a
/// lock that must be resolved for this machine may then be resolved by installing into it, one pip
/// run instead of a resolution and then an install.
/// </summary>
/// <param name="Prefix">The env's folder, read back after pip ran.</param>
/// <param name="Python">The env's own interpreter, whose pip installs.</param>
/// <param name="BeforeChange">Called once before anything in the env changes (it forgets the no-op key and marks the stamp as under way).</param>
public sealed record EnvInPlace(string Prefix, string Python, Action BeforeChange);
