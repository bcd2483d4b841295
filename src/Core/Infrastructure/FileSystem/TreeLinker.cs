using System.Runtime.Versioning;

namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>One tree's files put by a <see cref="FileLinker"/>, remembering which ways its file system refused.</summary>
public sealed class TreeLinker
{
    private readonly FileLinker linker;
    private bool tryClone;
    private readonly bool tryHardLink;

    internal TreeLinker(FileLinker linker, bool tryClone, bool tryHardLink)
    {
        this.linker = linker;
        this.tryClone = tryClone;
        this.tryHardLink = tryHardLink;
    }

    /// <summary>Puts a file of its own, or another name of <paramref name="source"/>'s, at <paramref name="target"/>; returns the way it took.</summary>
    /// <exception cref="IOException"><paramref name="target"/> exists, or no way worked.</exception>
    [UnsupportedOSPlatform("windows")]
    public LinkMode Place(string source, string target)
    {
        if (tryClone)
        {
            if (Reflink.TryClone(source, target))
            {
                return LinkMode.Clone;
            }

            tryClone = false;
            linker.NoClone(target);
        }

        if (tryHardLink)
        {
            if (HardLink.TryLink(source, target))
            {
                return LinkMode.Hardlink;
            }

            if (!File.Exists(target))
            {
                linker.NoHardLink(target);
            }
        }

        File.Copy(source, target);
        File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(source));
        return LinkMode.Copy;
    }
}
