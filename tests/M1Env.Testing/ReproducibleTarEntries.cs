using System.Formats.Tar;

namespace M1Env.Testing;

/// <summary>
/// POSIX (pax) tar entries owned by root:root at one given time, with the usual modes (0644, 0755, links 0777), so
/// the same files give the same archive bytes: the entries of the test archives (<see cref="CondaTarBz2"/>,
/// <see cref="PythonBuildStandaloneArchive"/>).
/// </summary>
internal static class ReproducibleTarEntries
{
    private const UnixFileMode RegularMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode ExecutableMode =
        RegularMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode LinkMode = ExecutableMode | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <param name="linkTarget">Non-null for a symbolic link, which has no content.</param>
    public static PaxTarEntry FileOrLink(string name, byte[] content, string? linkTarget, bool executable, DateTimeOffset time) =>
        Owned(
            linkTarget is not null
                ? new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = linkTarget, Mode = LinkMode }
                : new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(content, writable: false),
                    Mode = executable ? ExecutableMode : RegularMode,
                },
            time);

    /// <param name="name">The folder's name, ending in '/'.</param>
    public static PaxTarEntry Directory(string name, DateTimeOffset time) =>
        Owned(new PaxTarEntry(TarEntryType.Directory, name) { Mode = ExecutableMode }, time);

    private static PaxTarEntry Owned(PaxTarEntry entry, DateTimeOffset time)
    {
        entry.ModificationTime = time;
        entry.Uid = 0;
        entry.Gid = 0;
        entry.UserName = "root";
        entry.GroupName = "root";
        return entry;
    }
}
