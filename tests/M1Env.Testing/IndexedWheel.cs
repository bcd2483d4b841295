namespace M1Env.Testing;

/// <summary>A wheel file a <see cref="PackageIndexServer"/> serves, under its PEP 503 project name.</summary>
internal sealed record IndexedWheel(string FileName, string Path, string Project);
