namespace M1Env.Core.Cache;

/// <summary>A venv being made to be kept (<see cref="KeptVenvs.Draft"/>).</summary>
/// <param name="Key">What it is kept under.</param>
/// <param name="Folder">The scratch folder that holds it until it is kept.</param>
/// <param name="Prefix">The path to give the venv module.</param>
/// <param name="Prompt">The prompt to give the venv module.</param>
public sealed record KeptVenvDraft(string Key, string Folder, string Prefix, string Prompt);
