namespace M1Env.Core.Python;

/// <summary>The interpreters a search found, in the order to try them, and every folder it looked in.</summary>
public sealed record PythonSearch(IReadOnlyList<PythonCandidate> Candidates, IReadOnlyList<string> SearchedLocations);
