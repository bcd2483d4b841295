using System.Formats.Tar;
using ICSharpCode.SharpZipLib.BZip2;

namespace M1Env.Testing;

/// <summary>
/// Writes a bzip2-compressed POSIX (pax) tar: the tar from the BCL's System.Formats.Tar, bzip2 from SharpZipLib (the BCL has
/// none); its entries are <see cref="ReproducibleTarEntries"/>, so the same entries give the same bytes.
/// </summary>
internal static class CondaTarBz2
{
    public static byte[] Write(IEnumerable<CondaPackageFile> entries, DateTimeOffset time)
    {
        using var buffer = new MemoryStream();
        using (var bzip2 = new BZip2OutputStream(buffer) { IsStreamOwner = false })
        {
            using (var tar = new TarWriter(bzip2, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var file in entries)
                {
                    tar.WriteEntry(ReproducibleTarEntries.FileOrLink(file.Path, file.Content, file.LinkTarget, file.Executable, time));
                }
            }
        }

        return buffer.ToArray();
    }
}
