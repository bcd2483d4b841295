namespace M1Env.Core.Packaging.Pep751;

/// <summary>The file chosen from a lock to install one package on one interpreter.</summary>
public sealed record SelectedArtifact(string Name, string? Version, PyLockArtifact Artifact);
