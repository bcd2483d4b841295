namespace M1Env.Core.State;

/// <summary>
/// A ready env as the build hands it on (the documented <c>M1EnvProvisioned</c> metadata), the same
/// on a provisioning build and on a no-op build.
/// </summary>
/// <param name="Python">The env's own interpreter.</param>
/// <param name="BaseInterpreter">The interpreter the env was made from.</param>
/// <param name="PythonLibrary">The shared libpython an embedding app loads; empty when the interpreter has none.</param>
public sealed record ProvisionedEnv(
    string Name,
    string Prefix,
    string Python,
    string SpecHash,
    string BaseInterpreter,
    string PythonVersion,
    string PythonLibrary,
    string Stdlib,
    string SitePackages)
{
    /// <summary>The env's cache key (<c>CacheKeys.ForEnv</c>): its lock files, kind, declared Python and this platform.</summary>
    public string CacheKey { get; init; } = string.Empty;
}
