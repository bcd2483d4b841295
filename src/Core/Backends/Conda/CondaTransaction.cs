using System.Text.Json;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// What a <c>create</c>, <c>install</c> or <c>remove --json</c> of conda or micromamba did (or,
/// with <c>--dry-run</c>, would do): its <c>actions</c>, read the same way for both tools.
/// </summary>
/// <param name="Success">The result says <c>"success": true</c>.</param>
/// <param name="DryRun">It only planned: conda writes <c>dry_run</c> only then, micromamba always.</param>
/// <param name="Link">Packages put into the prefix.</param>
/// <param name="Unlink">Packages taken out of it (an upgrade unlinks the old build and links the new one).</param>
/// <param name="Fetch">Packages downloaded: only those the package cache lacked.</param>
public sealed record CondaTransaction(
    bool Success,
    bool DryRun,
    IReadOnlyList<CondaPackageRef> Link,
    IReadOnlyList<CondaPackageRef> Unlink,
    IReadOnlyList<CondaPackageRef> Fetch)
{
    /// <summary>The prefix the result names, or null.</summary>
    public string? Prefix { get; init; }

    /// <summary>A message instead of actions, e.g. conda's "All requested packages already installed."; or null.</summary>
    public string? Message { get; init; }

    /// <summary>Nothing was linked or unlinked.</summary>
    public bool IsEmpty => Link.Count == 0 && Unlink.Count == 0;

    /// <summary>Reads the result JSON from stdout; null when stdout holds none (see <see cref="CondaOutput"/>).</summary>
    /// <remarks>An error result (no <c>success</c>, or <c>"success": false</c>) reads as a failed, empty transaction.</remarks>
    public static CondaTransaction? Parse(string? stdout)
    {
        using var document = CondaOutput.FinalJson(stdout);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var root = document.RootElement;
        var actions = Actions(root);
        return new CondaTransaction(
            CondaJson.Bool(root, "success"),
            CondaJson.Bool(root, "dry_run"),
            Packages(actions, "LINK"),
            Packages(actions, "UNLINK"),
            Packages(actions, "FETCH"))
        {
            Prefix = CondaJson.Text(root, "prefix") ?? actions.Select(a => CondaJson.Text(a, "PREFIX")).FirstOrDefault(p => p is not null),
            Message = CondaJson.Text(root, "message"),
        };
    }

    /// <summary>
    /// The transaction of a finished command that succeeded; null when the command failed, printed no
    /// result, or its result says it did not succeed (then <see cref="CondaFailure.Explain"/> says why).
    /// </summary>
    public static CondaTransaction? OfSuccess(ProcessResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var transaction = result.Succeeded && !result.TimedOut ? Parse(result.StandardOutput) : null;
        return transaction is { Success: true } ? transaction : null;
    }

    /// <summary>The <c>actions</c> object; conda has written it as a list of them for several prefixes.</summary>
    private static JsonElement[] Actions(JsonElement root) =>
        !root.TryGetProperty("actions", out var actions) ? []
        : actions.ValueKind == JsonValueKind.Object ? [actions]
        : actions.ValueKind == JsonValueKind.Array ? actions.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).ToArray()
        : [];

    private static CondaPackageRef[] Packages(JsonElement[] actions, string key) =>
        actions.SelectMany(a => CondaJson.Objects(a, key)).Select(CondaPackageRef.FromJson).OfType<CondaPackageRef>().ToArray();
}
