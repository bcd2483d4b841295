namespace M1Env.Core.Packaging.Pep751;

/// <summary>One <c>[[packages]]</c> entry: a distribution at one version, with the files that can install it.</summary>
public sealed record PyLockPackage
{
    private readonly string name = string.Empty;

    /// <param name="name">The distribution name; stored normalised (PEP 503), as PEP 751 requires.</param>
    public PyLockPackage(string name, string? version, IReadOnlyList<PyLockArtifact> wheels)
    {
        Name = name;
        Version = version;
        Wheels = wheels;
    }

    /// <summary>The PEP 503 normalised name (<c>Foo_Bar</c> is stored as <c>foo-bar</c>).</summary>
    public string Name
    {
        get => name;
        init => name = PackageNames.Normalize(value);
    }

    public string? Version { get; init; }

    /// <summary>A PEP 508 marker: the package is installed only where it holds.</summary>
    public string? Marker { get; init; }

    /// <summary>The package's own <c>Requires-Python</c>, for an error rather than a broken install.</summary>
    public string? RequiresPython { get; init; }

    /// <summary>
    /// The other entries this one depends on; null where the file does not say (an empty list says it
    /// depends on nothing). Never used to install (PEP 751 forbids it); M1Env uses it to drop what a
    /// removed package alone needed without resolving again.
    /// </summary>
    public IReadOnlyList<PyLockDependency>? Dependencies { get; init; }

    /// <summary>The simple-API index the files were found on (<c>https://pypi.org/simple/</c>), or null.</summary>
    public string? Index { get; init; }

    public IReadOnlyList<PyLockArtifact> Wheels { get; init; }

    /// <summary>The source distribution, installed only where no wheel fits.</summary>
    public PyLockArtifact? Sdist { get; init; }
}
