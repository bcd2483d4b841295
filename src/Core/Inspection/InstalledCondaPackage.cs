namespace M1Env.Core.Inspection;

/// <summary>One package in a conda prefix: a <c>conda-meta/*.json</c> record.</summary>
public sealed record InstalledCondaPackage(
    string Name,
    string Version,
    string Build,
    string Channel,
    string? Subdir,
    string? Url,
    string? Md5,
    string? Sha256,
    string? RequestedSpec,
    IReadOnlyList<string> Depends,
    IReadOnlyList<string> MissingFiles);
