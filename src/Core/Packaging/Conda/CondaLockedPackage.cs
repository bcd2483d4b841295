namespace M1Env.Core.Packaging.Conda;

/// <summary>One artifact of a conda lock: the exact package file, where it is downloaded from and its hashes.</summary>
/// <param name="Url">The package file's URL, credentials removed (see <see cref="CondaLockUrl.WithoutCredentials"/>).</param>
/// <param name="Md5">The file's MD5, lower-case hex: the hash every conda, mamba and micromamba checks.</param>
/// <param name="Sha256">The file's SHA-256, lower-case hex; null when the channel's repodata has none.</param>
public sealed record CondaLockedPackage(string Name, string Version, string Build, string Url, string Md5, string? Sha256)
{
    /// <summary><c>name-version-build</c>, as conda names the package in its messages and <c>conda-meta</c>.</summary>
    public string DistName => $"{Name}-{Version}-{Build}";

    /// <summary>The exact match spec <c>name==version=build</c> that pins this very build.</summary>
    public string ExactSpec => $"{Name}=={Version}={Build}";

    /// <summary>The package file's name, the last segment of <see cref="Url"/>.</summary>
    public string FileName => Url[(Url.LastIndexOf('/') + 1)..];

    public override string ToString() => DistName;
}
