namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// One <c>packages.dependencies</c> entry: enough keys to find the other <c>[[packages]]</c> entry
/// (the name, and the version when the name alone is ambiguous).
/// </summary>
public sealed record PyLockDependency
{
    private readonly string name = string.Empty;

    public PyLockDependency(string name, string? version = null)
    {
        Name = name;
        Version = version;
    }

    public string Name
    {
        get => name;
        init => name = PackageNames.Normalize(value);
    }

    public string? Version { get; init; }
}
