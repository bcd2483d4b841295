namespace M1Env.Core.State;

/// <param name="Name">The PEP 503 normalised name.</param>
/// <param name="Version">The version its metadata gave when the stamp was written.</param>
public sealed record StampedDistribution(string Name, string Version);
