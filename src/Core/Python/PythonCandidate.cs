namespace M1Env.Core.Python;

/// <summary>A file that may be a Python interpreter, with the version its path suggests, if any.</summary>
public sealed record PythonCandidate(string Path, Version? VersionHint, string Source);
