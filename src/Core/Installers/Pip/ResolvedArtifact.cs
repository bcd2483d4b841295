namespace M1Env.Core.Installers.Pip;

/// <summary>One distribution pip chose, as the exact file it would install.</summary>
/// <param name="Name">The PEP 503 normalised name.</param>
/// <param name="Url">As pip reported it, credentials included: whoever writes it down strips them.</param>
/// <param name="FileName">The last part of the URL's path, unescaped.</param>
/// <param name="Sha256">Lower-case hex.</param>
/// <param name="Requested">Named by a declared requirement, rather than pulled in as a dependency.</param>
/// <param name="RequiresDist">The distribution's <c>Requires-Dist</c> lines, markers included.</param>
public sealed record ResolvedArtifact(
    string Name,
    string Version,
    string Url,
    string FileName,
    string Sha256,
    bool IsWheel,
    bool Requested,
    IReadOnlyList<string> RequiresDist);
