namespace M1Env.Core.Spec;

/// <summary>Where an env's pip lock is read from now, and the PEP 751 name a build moves it to, if it must.</summary>
/// <param name="Current">The lock's path (absolute), whether or not the file exists yet.</param>
/// <param name="StandardName">The path under PEP 751's name when <paramref name="Current"/> is the name M1Env used before; else null.</param>
public sealed record PipLockLocation(string Current, string? StandardName);
