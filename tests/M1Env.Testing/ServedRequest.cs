namespace M1Env.Testing;

/// <summary>One request a <see cref="StaticFileServer"/> answered; <paramref name="Path"/> is unescaped, without query.</summary>
/// <param name="Authorization">The Authorization header as sent, or null.</param>
public sealed record ServedRequest(string Method, string Path, int StatusCode, string? Authorization);
