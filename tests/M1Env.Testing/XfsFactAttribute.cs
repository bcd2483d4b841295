using Xunit;

namespace M1Env.Testing;

/// <summary>
/// A fact that needs a real file system that clones (<see cref="XfsImage"/>): skipped, saying why,
/// unless this is Linux, the tests run as root, loop devices exist and mkfs.xfs and mount are found.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class XfsFactAttribute : FactAttribute
{
    public XfsFactAttribute() => Skip = SkipReason();

    /// <summary>Why an XFS image cannot be mounted here; null where it can.</summary>
    public static string? SkipReason() =>
        !OperatingSystem.IsLinux() ? "Needs Linux, to mount an XFS image."
        : !Environment.IsPrivilegedProcess ? "Needs root, to mount an XFS image."
        : !File.Exists("/dev/loop-control") ? "Needs loop devices (/dev/loop-control), to mount an XFS image."
        : XfsImage.Program("mkfs.xfs") is null || XfsImage.Program("mount") is null || XfsImage.Program("umount") is null
            ? "Needs mkfs.xfs, mount and umount (apt-get install xfsprogs)."
            : null;
}
