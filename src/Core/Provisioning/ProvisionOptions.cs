namespace M1Env.Core.Provisioning;

/// <param name="ToolsDirectory">M1Env's per-user folder (locks live in its <c>locks</c> subfolder).</param>
/// <param name="BuildKey">The key MSBuild computed for the declaration; recorded so the next no-op build can skip the task.</param>
public sealed record ProvisionOptions(string ToolsDirectory, string ToolVersion, TimeSpan LockTimeout, string? BuildKey)
{
    public static string DefaultToolsDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".m1env");

    public string LocksDirectory => Path.Combine(ToolsDirectory, "locks");
}
