namespace M1Env.Core.Inspection;

/// <summary>One installed distribution: a <c>*.dist-info</c> folder in site-packages.</summary>
/// <param name="Name">The PEP 503 normalised name, from METADATA.</param>
/// <param name="DisplayName">The name as METADATA writes it.</param>
/// <param name="Installer">The first line of INSTALLER (pip writes "pip"), or null.</param>
/// <param name="Requested">A REQUESTED file is there: pip writes it for what was named on its command line.</param>
/// <param name="DirectUrl">direct_url.json's <c>url</c> (installed from a path, URL or VCS; PEP 610), or null.</param>
/// <param name="Requires">Normalised names from Requires-Dist, except those only an extra asks for; those with other markers are kept.</param>
/// <param name="TopLevelDirectories">The folders in site-packages this distribution's files live in (absolute).</param>
/// <param name="MissingFiles">RECORD entries that are not on disk (compiled files aside); empty when files were not verified.</param>
public sealed record InstalledDistribution(
    string Name,
    string DisplayName,
    string Version,
    string? Installer,
    bool Requested,
    string? DirectUrl,
    string DistInfoPath,
    IReadOnlyList<string> Requires,
    IReadOnlyList<string> TopLevelDirectories,
    IReadOnlyList<string> MissingFiles)
{
    /// <summary>The Requires-Dist names with no marker at all: what must be installed wherever this one is.</summary>
    public IReadOnlyList<string> UnconditionalRequires { get; init; } = [];

    /// <summary>An editable install (PEP 660): direct_url.json's <c>dir_info.editable</c>.</summary>
    public bool Editable { get; init; }
}
