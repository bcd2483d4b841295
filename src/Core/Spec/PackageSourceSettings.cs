namespace M1Env.Core.Spec;

/// <summary>Where pip looks for packages. Part of the spec hash: a change re-checks the env.</summary>
public sealed record PackageSourceSettings(
    string? IndexUrl,
    IReadOnlyList<string> ExtraIndexUrls,
    IReadOnlyList<string> FindLinks,
    bool Offline)
{
    public static PackageSourceSettings Default { get; } = new(null, [], [], false);
}
