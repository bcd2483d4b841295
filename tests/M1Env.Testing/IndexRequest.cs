namespace M1Env.Testing;

/// <summary>One request a <see cref="PackageIndexServer"/> answered; <paramref name="Path"/> is unescaped, without query.</summary>
public sealed record IndexRequest(string Method, string Path, int StatusCode);
