using M1Env.Core.Packaging;

namespace M1Env.Core.Installers.Pip;

/// <summary>What pip would install for a set of requirements on one target, without installing it.</summary>
/// <param name="Artifacts">Ordered by name.</param>
/// <param name="Environment">The PEP 508 marker environment pip resolved for (the report's <c>environment</c>).</param>
public sealed record PipResolution(IReadOnlyList<ResolvedArtifact> Artifacts, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The names pip installed into the env while it resolved (<see cref="InPlacePipResolution"/>); empty for a dry run.</summary>
    public IReadOnlyList<string> InstalledNow { get; init; } = [];

    /// <summary>The artifact of a distribution, by any spelling of its name.</summary>
    public ResolvedArtifact? Find(string name) =>
        Artifacts.FirstOrDefault(a => a.Name == PackageNames.Normalize(name));
}
