namespace M1Env.Testing;

/// <summary>A <c>.tar.bz2</c> conda package on disk and the <c>repodata.json</c> record that describes it.</summary>
public sealed record BuiltCondaPackage(string Path, CondaPackageRecord Record)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}
