namespace M1Env.Core.Python;

/// <summary>What a search for an interpreter found: the one that fits and why it was taken, or none, with where it looked and what it turned down.</summary>
public sealed record PythonFound(PythonInterpreter? Interpreter, string Why, IReadOnlyList<string> SearchedLocations, IReadOnlyList<string> Considered);
