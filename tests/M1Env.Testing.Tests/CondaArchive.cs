using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using ICSharpCode.SharpZipLib.BZip2;

namespace M1Env.Testing.Tests;

/// <summary>The entries of a .tar.bz2 conda package, read back for assertions.</summary>
internal sealed class CondaArchive
{
    private CondaArchive(IReadOnlyList<TarEntrySnapshot> entries) => Entries = entries;

    public IReadOnlyList<TarEntrySnapshot> Entries { get; }

    public IEnumerable<string> Names => Entries.Select(entry => entry.Name);

    public static CondaArchive Read(string path)
    {
        using var file = File.OpenRead(path);
        using var bzip2 = new BZip2InputStream(file);
        using var tar = new TarReader(bzip2);
        var entries = new List<TarEntrySnapshot>();
        while (tar.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add(new TarEntrySnapshot(entry.Name, entry.EntryType, entry.LinkName, entry.Mode, content.ToArray()));
        }

        return new CondaArchive(entries);
    }

    public TarEntrySnapshot Entry(string name) =>
        Entries.SingleOrDefault(entry => entry.Name == name) ?? throw new KeyNotFoundException($"No {name} in the archive.");

    public string Text(string name) => Encoding.UTF8.GetString(Entry(name).Content);

    public JsonDocument Json(string name) => JsonDocument.Parse(Entry(name).Content);
}

internal sealed record TarEntrySnapshot(string Name, TarEntryType Type, string LinkName, UnixFileMode Mode, byte[] Content);
