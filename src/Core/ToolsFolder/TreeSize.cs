using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.ToolsFolder;

/// <summary>
/// Adds up the files under folders of one tools folder, each file once however many names it has
/// there (Linux, <see cref="FileLinks"/>; elsewhere each name counts). Links are not followed.
/// </summary>
internal sealed class TreeSize
{
    private readonly HashSet<(ulong Device, ulong Inode)> seen = [];

    /// <summary>The bytes and files under <paramref name="path"/> (a folder or a file) not counted before, and the bytes no name outside it holds.</summary>
    public (long Bytes, long FreedBytes, int Files) Of(string path)
    {
        var info = Directory.Exists(path) ? (FileSystemInfo)new DirectoryInfo(path) : new FileInfo(path);
        long bytes = 0, freed = 0;
        var files = 0;
        foreach (var file in Files(info))
        {
            long length;
            try
            {
                length = file.Length;
            }
            catch (IOException)
            {
                continue;
            }

            var links = FileLinks.Of(file.FullName);
            if (links is { } known && !seen.Add((known.Device, known.Inode)))
            {
                continue;
            }

            bytes += length;
            files++;
            if (links is not { Names: > 1 })
            {
                freed += length;
            }
        }

        return (bytes, freed, files);
    }

    private static IEnumerable<FileInfo> Files(FileSystemInfo entry)
    {
        if (entry.LinkTarget is not null || !entry.Exists)
        {
            yield break;
        }

        if (entry is FileInfo file)
        {
            yield return file;
            yield break;
        }

        IEnumerable<FileSystemInfo> children;
        try
        {
            children = ((DirectoryInfo)entry).EnumerateFileSystemInfos().ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var child in children)
        {
            foreach (var inner in Files(child))
            {
                yield return inner;
            }
        }
    }
}
