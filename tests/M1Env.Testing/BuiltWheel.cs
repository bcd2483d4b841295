namespace M1Env.Testing;

/// <summary>A wheel file written by <see cref="WheelBuilder"/>; <paramref name="Sha256"/> is lower-case hex.</summary>
public sealed record BuiltWheel(string Path, string Name, string Version, string Sha256)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}
