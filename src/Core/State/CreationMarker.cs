using System.Text;

namespace M1Env.Core.State;

/// <summary>
/// Says that a build is making the env at a prefix, from before the first file is written until the
/// stamp is. It lives beside the prefix locks in the tools folder, named after the prefix's real path,
/// never inside the prefix: conda tools refuse to create an env in a folder that holds anything but
/// conda's own files. A build stopped while it made the env leaves it, so the next build knows the
/// half-made prefix is M1Env's to remake, and never mistakes a user's own env for one.
/// </summary>
public sealed class CreationMarker(string locksDirectory, string realPrefix)
{
    public string FilePath { get; } = Path.Combine(locksDirectory, PrefixLock.FileStem(realPrefix) + ".creating");

    /// <summary>One stat.</summary>
    public bool Exists => File.Exists(FilePath);

    /// <summary>Marks the prefix as being made by <paramref name="owner"/>; the content is for a person reading the folder.</summary>
    public void Set(EnvOwner owner)
    {
        Directory.CreateDirectory(locksDirectory);
        File.WriteAllText(FilePath, $"{realPrefix}\n{owner.ProjectFile}\n{owner.EnvName}\n", Encoding.UTF8);
    }

    public void Clear()
    {
        if (File.Exists(FilePath))
        {
            File.Delete(FilePath);
        }
    }
}
