namespace M1Env.Core.Python.Managed;

/// <summary>
/// One python-build-standalone <c>install_only</c> archive M1Env pins: a CPython release for one
/// platform, where it is published and its SHA-256.
/// </summary>
/// <param name="Platform">The platform's name in M1Env (<c>LockPlatform.Name</c>): <c>osx-arm64</c>, <c>linux-x64</c>...</param>
/// <param name="Tag">python-build-standalone's release tag, such as <c>20260814</c>.</param>
public sealed record ManagedPythonBuild(string VersionText, string Platform, string Tag, string Url, string Sha256)
{
    public Version Version { get; } = Version.Parse(VersionText);

    /// <summary>The archive's file name, as a mirror serves it (<c>cpython-3.11.16+20260814-...tar.gz</c>).</summary>
    public string FileName => Uri.UnescapeDataString(Url[(Url.LastIndexOf('/') + 1)..]);
}
