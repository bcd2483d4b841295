using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ICSharpCode.SharpZipLib.BZip2;

namespace M1Env.Testing.Tests;

/// <summary>The entries of a compressed tar (a .tar.bz2 conda package, a .tar.gz python build), read back for assertions.</summary>
internal sealed class TarArchive
{
    private TarArchive(IReadOnlyList<TarEntrySnapshot> entries) => Entries = entries;

    public IReadOnlyList<TarEntrySnapshot> Entries { get; }

    public IEnumerable<string> Names => Entries.Select(entry => entry.Name);

    public static TarArchive ReadBzip2(string path)
    {
        using var file = File.OpenRead(path);
        using var bzip2 = new BZip2InputStream(file);
        return Read(bzip2);
    }

    public static TarArchive ReadGzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
        return Read(gzip);
    }

    private static TarArchive Read(Stream tarStream)
    {
        using var tar = new TarReader(tarStream);
        var entries = new List<TarEntrySnapshot>();
        while (tar.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add(new TarEntrySnapshot(entry.Name, entry.EntryType, entry.LinkName, entry.Mode, content.ToArray()));
        }

        return new TarArchive(entries);
    }

    public TarEntrySnapshot Entry(string name) =>
        Entries.SingleOrDefault(entry => entry.Name == name) ?? throw new KeyNotFoundException($"No {name} in the archive.");

    public string Text(string name) => Encoding.UTF8.GetString(Entry(name).Content);

    public JsonDocument Json(string name) => JsonDocument.Parse(Entry(name).Content);
}

internal sealed record TarEntrySnapshot(string Name, TarEntryType Type, string LinkName, UnixFileMode Mode, byte[] Content);
