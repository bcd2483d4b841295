namespace M1Env.Core.State;

/// <summary>The in-env check of the env as it was stamped: run again only when the env changes.</summary>
/// <param name="SpecHash">The spec hash the check ran for.</param>
/// <param name="NoAccelerator">Why no accelerator works, or null when one does.</param>
public sealed record StampedVerification(string SpecHash, string? NoAccelerator, string ReportPath);
