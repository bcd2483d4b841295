namespace M1Env.Core.State;

/// <param name="Name">The PEP 503 normalised name.</param>
/// <param name="Requirement">The requirement string pip was given.</param>
public sealed record StampedPackage(string Name, string Requirement);
