namespace M1Env.Core.Verify;

/// <summary>M1EnvVerify and M1EnvRequireAccelerator: whether a build runs the in-env check, and whether no working accelerator fails it.</summary>
/// <param name="ReportDirectory">Where the JSON report of each env goes (the project's obj folder).</param>
public sealed record VerifySettings(bool Enabled, bool RequireAccelerator, string? ReportDirectory)
{
    public static VerifySettings Off { get; } = new(false, false, null);
}
