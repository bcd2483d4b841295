namespace M1Env.Core.Paths;

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
}
