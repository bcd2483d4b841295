namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>Deletes what work left behind (a scratch folder, a half-copied file) where failing to harms nothing.</summary>
public static class Leftovers
{
    public static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left where it is: whatever needed it is done, and nothing reads it again.
        }
    }

    public static void DeleteFile(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>Deletes <paramref name="folder"/> and then each parent while it is empty, never <paramref name="root"/> or anything above it.</summary>
    public static void DeleteEmptyUpTo(string folder, string root)
    {
        var stop = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        for (var current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
             current.Length > stop.Length && current.StartsWith(stop, StringComparison.Ordinal) && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any();
             current = Path.GetDirectoryName(current)!)
        {
            Directory.Delete(current);
        }
    }
}
