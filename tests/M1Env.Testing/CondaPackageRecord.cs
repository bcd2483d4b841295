namespace M1Env.Testing;

/// <summary>A package's entry in <c>repodata.json</c>: its <c>info/index.json</c> plus the archive's hashes and size.</summary>
/// <param name="Timestamp">Milliseconds since the Unix epoch, as conda-build writes it.</param>
/// <param name="Md5">Lower-case hex of the .tar.bz2 file.</param>
/// <param name="Sha256">Lower-case hex of the .tar.bz2 file.</param>
/// <param name="Size">Bytes of the .tar.bz2 file.</param>
public sealed record CondaPackageRecord(
    string Name,
    string Version,
    string Build,
    int BuildNumber,
    IReadOnlyList<string> Depends,
    string Subdir,
    CondaNoarch Noarch,
    string License,
    long Timestamp,
    string Md5,
    string Sha256,
    long Size)
{
    public string FileName => $"{Name}-{Version}-{Build}.tar.bz2";
}
