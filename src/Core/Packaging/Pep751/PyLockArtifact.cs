namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// One file of a package: a wheel (<c>[[packages.wheels]]</c>) or the sdist (<c>[packages.sdist]</c>).
/// PEP 751 needs a <c>url</c> or a <c>path</c>; M1Env locks files from indexes, so it writes URLs.
/// </summary>
/// <param name="FileName">The file's name, such as <c>numpy-2.2.3-cp312-cp312-win_amd64.whl</c>; wheel tags are read from it.</param>
/// <param name="Url">Where to download the file; null when <see cref="Path"/> is given.</param>
/// <param name="Sha256">The SHA-256 of the file as lowercase hex; pip checks it with <c>--require-hashes</c>.</param>
/// <param name="Size">The file size in bytes, when known.</param>
/// <param name="UploadTime">When the index says the file was uploaded (UTC), when known.</param>
/// <param name="Path">A local file, relative to the lock file, instead of a URL.</param>
public sealed record PyLockArtifact(
    string FileName,
    string? Url,
    string Sha256,
    long? Size = null,
    DateTimeOffset? UploadTime = null,
    string? Path = null)
{
    public bool IsWheel => FileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase);
}
