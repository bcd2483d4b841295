using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>
/// Puts kept files (M1EnvToolsDir's installs and venvs) into envs the way M1EnvLinkMode says: a
/// copy-on-write clone, a hard link or a copy, each falling back to the next the file system allows.
/// A clone or a copy keeps the source's modification time, as a link does: byte code is valid only
/// for its source's time.
/// </summary>
/// <remarks>
/// A hard link is the kept file itself, so an edit in one env changes the cache and every env linked
/// to it; a clone is a file of its own that costs no more than a link. So <see cref="LinkMode.Auto"/>
/// clones where it can (as uv does by default since 2026), and an explicit <see cref="LinkMode.Clone"/>
/// never hard-links: whoever asks for it wants envs that share no file with the cache.
/// </remarks>
public sealed class FileLinker(LinkMode mode, IProvisionLog log)
{
    private int reportedNoClone;
    private int reportedNoHardLink;

    public LinkMode Mode => mode;

    /// <summary>Starts putting one tree's files: the first file the target's file system cannot clone sends the rest of the tree on to the next way, as uv does.</summary>
    /// <param name="hardLinks">False for files that must never share the kept one's inode even where the mode allows it.</param>
    public TreeLinker ForTree(bool hardLinks = true) =>
        new(this, tryClone: mode is LinkMode.Auto or LinkMode.Clone, tryHardLink: hardLinks && (mode is LinkMode.Auto or LinkMode.Hardlink));

    /// <summary>Says once per build that the file system of <paramref name="target"/> cannot clone: a warning only where clones were asked for outright.</summary>
    internal void NoClone(string target)
    {
        if (Interlocked.Exchange(ref reportedNoClone, 1) == 0)
        {
            Report(LinkMode.Clone, $"The file system of {Path.GetDirectoryName(target)} cannot clone files (copy-on-write)");
        }
    }

    internal void NoHardLink(string target)
    {
        if (Interlocked.Exchange(ref reportedNoHardLink, 1) == 0)
        {
            Report(LinkMode.Hardlink, $"{Path.GetDirectoryName(target)} cannot hard-link to M1EnvToolsDir (another file system, or one without links)");
        }
    }

    private void Report(LinkMode asked, string what)
    {
        var instead = mode == LinkMode.Auto && asked == LinkMode.Clone ? "hard-linked, or copied where that fails" : "copied";
        if (mode == asked)
        {
            log.Warning(ErrorCodes.FileSystemError, $"{what}: kept files are {instead} instead ({LinkModeSetting.Property}={mode.ToString().ToLowerInvariant()}). Set {LinkModeSetting.Property}=copy to copy without this warning.");
        }
        else
        {
            log.Detail($"{what}: kept files are {instead}.");
        }
    }
}
