using Xunit;

namespace M1Env.Testing;

/// <summary>
/// A fact that needs a real file system that clones (<see cref="XfsImage"/>): skipped, saying why,
/// unless this is Linux, the tests run as root, loop devices exist and mkfs.xfs and mount are found.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class XfsFactAttribute : FactAttribute
{
    public XfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux, to mount an XFS image.";
        }
        else if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root, to mount an XFS image.";
        }
        else if (!File.Exists("/dev/loop-control"))
        {
            Skip = "Needs loop devices (/dev/loop-control), to mount an XFS image.";
        }
        else if (XfsImage.Program("mkfs.xfs") is null || XfsImage.Program("mount") is null || XfsImage.Program("umount") is null)
        {
            Skip = "Needs mkfs.xfs, mount and umount (apt-get install xfsprogs).";
        }
    }
}
