namespace M1Env.Core.Inspection;

/// <summary>One package in a conda prefix: its <c>conda-meta/&lt;name&gt;-&lt;version&gt;-&lt;build&gt;.json</c>.</summary>
/// <param name="Channel">The channel in readable form (<c>conda-forge</c>, or a URL without the subdir); empty when the record names none.</param>
/// <param name="Subdir">The platform subdir (<c>osx-arm64</c>, <c>noarch</c>); empty when the record names none.</param>
/// <param name="Url">The package file's URL, credentials removed; empty when the record names none.</param>
/// <param name="Md5">The package file's MD5; empty when the record names none.</param>
/// <param name="Sha256">The package file's SHA-256; older records have none.</param>
/// <param name="RequestedSpec">The spec that was asked for when this package was installed; null for a dependency (conda writes <c>"None"</c>, micromamba <c>""</c>).</param>
/// <param name="Depends">Its dependencies as match specs (<c>python &gt;=3.11,&lt;3.12.0a0</c>).</param>
/// <param name="MissingFiles">Entries of <c>files</c> (relative to the prefix) that are not on disk, compiled files aside; empty when files were not verified.</param>
public sealed record InstalledCondaPackage(
    string Name,
    string Version,
    string Build,
    string Channel,
    string Subdir,
    string Url,
    string Md5,
    string? Sha256,
    string? RequestedSpec,
    IReadOnlyList<string> Depends,
    IReadOnlyList<string> MissingFiles)
{
    /// <summary>The JSON file it was read from.</summary>
    public string MetaFile { get; init; } = string.Empty;

    /// <summary>How many files the record lists.</summary>
    public int FileCount { get; init; }

    /// <summary>
    /// The folders its files live in (absolute), each cut to where a package's own folder starts:
    /// <c>site-packages/numpy</c> for <c>site-packages/numpy/core/x.so</c>, else at most two levels
    /// below the prefix (<c>share/jupyter</c>, <c>bin</c>). Deleting a file by hand changes one of them.
    /// </summary>
    public IReadOnlyList<string> TopLevelDirectories { get; init; } = [];

    /// <summary><c>name-version-build</c>: the JSON file's name without <c>.json</c>.</summary>
    public string DistName => $"{Name}-{Version}-{Build}";
}
