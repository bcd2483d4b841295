namespace M1Env.Testing;

/// <summary>A file's inode number, which .NET does not expose: two names of one file share it, a clone or a copy has its own.</summary>
public static class FileInode
{
    public static async Task<long> OfAsync(string path)
    {
        var result = await ExternalCommand.RunAsync("stat", ["--format=%i", path]);
        return result.ExitCode == 0 && long.TryParse(result.StandardOutput.Trim(), out var inode)
            ? inode
            : throw new InvalidOperationException($"stat {path} failed: {result.Output}");
    }
}
