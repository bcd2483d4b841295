using System.Formats.Tar;
using ICSharpCode.SharpZipLib.BZip2;

namespace M1Env.Testing;

/// <summary>
/// Writes a bzip2-compressed POSIX (pax) tar: the tar from the BCL's System.Formats.Tar, bzip2 from SharpZipLib (the BCL has
/// none). Owner root:root, one fixed time, so the same entries give the same bytes.
/// </summary>
internal static class CondaTarBz2
{
    private const UnixFileMode RegularMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode ExecutableMode =
        RegularMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode LinkMode = ExecutableMode | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    public static byte[] Write(IEnumerable<CondaPackageFile> entries, DateTimeOffset time)
    {
        using var buffer = new MemoryStream();
        using (var bzip2 = new BZip2OutputStream(buffer) { IsStreamOwner = false })
        {
            using (var tar = new TarWriter(bzip2, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var file in entries)
                {
                    tar.WriteEntry(Entry(file, time));
                }
            }
        }

        return buffer.ToArray();
    }

    private static PaxTarEntry Entry(CondaPackageFile file, DateTimeOffset time)
    {
        var entry = file.LinkTarget is { } target
            ? new PaxTarEntry(TarEntryType.SymbolicLink, file.Path) { LinkName = target, Mode = LinkMode }
            : new PaxTarEntry(TarEntryType.RegularFile, file.Path)
            {
                DataStream = new MemoryStream(file.Content, writable: false),
                Mode = file.Executable ? ExecutableMode : RegularMode,
            };
        entry.ModificationTime = time;
        entry.Uid = 0;
        entry.Gid = 0;
        entry.UserName = "root";
        entry.GroupName = "root";
        return entry;
    }
}
