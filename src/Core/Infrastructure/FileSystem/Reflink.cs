using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>
/// Copy-on-write clones, which .NET has no API for: <c>clonefile(2)</c> on macOS (APFS), the
/// <c>FICLONE</c> ioctl on Linux (XFS, btrfs, bcachefs). A clone is a file of its own (its own inode)
/// that shares the source's blocks until either is written.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class Reflink
{
    /// <summary><c>_IOW(0x94, 9, int)</c> from linux/fs.h.</summary>
    private const ulong Ficlone = 0x40049409;

    private const int MacExists = 17;

    /// <summary>
    /// Makes <paramref name="target"/> a clone of <paramref name="source"/>, with its permissions and
    /// modification time; false, and no target, where the file system cannot clone it.
    /// </summary>
    /// <exception cref="IOException"><paramref name="target"/> exists, or <paramref name="source"/> cannot be read.</exception>
    public static bool TryClone(string source, string target)
    {
        if (OperatingSystem.IsMacOS())
        {
            return TryCloneFile(source, target);
        }

        return OperatingSystem.IsLinux() && TryIoctlClone(source, target);
    }

    private static bool TryCloneFile(string source, string target)
    {
        if (clonefile(source, target, 0) != 0)
        {
            return Marshal.GetLastPInvokeError() == MacExists ? throw new IOException($"{target} already exists.") : false;
        }

        File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(source));
        return true;
    }

    private static bool TryIoctlClone(string source, string target)
    {
        using var from = File.OpenHandle(source, FileMode.Open, FileAccess.Read);
        bool cloned;
        using (var to = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write))
        {
            cloned = ioctl((int)to.DangerousGetHandle(), Ficlone, (int)from.DangerousGetHandle()) == 0;
            if (cloned)
            {
                File.SetUnixFileMode(to, File.GetUnixFileMode(from));
                File.SetLastWriteTimeUtc(to, File.GetLastWriteTimeUtc(from));
            }
        }

        if (!cloned)
        {
            File.Delete(target);
        }

        return cloned;
    }

    [LibraryImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int ioctl(int fd, ulong request, int sourceFd);

    [LibraryImport("/usr/lib/libSystem.dylib", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int clonefile(string source, string target, uint flags);
}
