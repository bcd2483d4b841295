using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>
/// A file's identity (device and inode) and how many names it has, so hard-linked files are counted
/// once and a file another name still holds is not counted as freed. Linux only, through
/// <c>statx(2)</c>, whose buffer has one layout on every architecture; null elsewhere (.NET has no API
/// for either), where every name counts as a file of its own.
/// </summary>
public static partial class FileLinks
{
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxNlinkAndIno = 0x4 | 0x100;

    /// <summary>The file's (device, inode) and its number of names; null where it cannot be told.</summary>
    public static (ulong Device, ulong Inode, uint Names)? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (statx(-100, path, AtSymlinkNoFollow, StatxNlinkAndIno, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // A libc older than glibc 2.28.
            return null;
        }

        var names = BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]);
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]);
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]);
        return (device, inode, names);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
