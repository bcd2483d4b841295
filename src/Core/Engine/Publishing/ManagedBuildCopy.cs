using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Engine.Publishing;

/// <summary>
/// Copies a managed CPython build into a publish folder: links kept as links (<c>bin/python3</c> ->
/// <c>python3.11</c>), files cloned where the file system can and copied elsewhere, never hard-linked,
/// so nothing done to the publish folder reaches the tools folder's build.
/// </summary>
public static class ManagedBuildCopy
{
    /// <param name="source">The managed build's home.</param>
    /// <param name="target">A folder that does not exist yet.</param>
    public static void Copy(string source, string target, FileLinker linker)
    {
        var files = OperatingSystem.IsWindows() ? null : linker.ForTree(hardLinks: false);
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0 }))
        {
            var to = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                // Relative inside the build (python-build-standalone's are), so it holds wherever the copy goes.
                if (entry is DirectoryInfo)
                {
                    Directory.CreateSymbolicLink(to, link);
                }
                else
                {
                    File.CreateSymbolicLink(to, link);
                }
            }
            else if (entry is DirectoryInfo)
            {
                Copy(entry.FullName, to, linker);
            }
            else if (files is null)
            {
                File.Copy(entry.FullName, to);
            }
            else if (!OperatingSystem.IsWindows())
            {
                files.Place(entry.FullName, to);
                File.SetUnixFileMode(to, File.GetUnixFileMode(entry.FullName));
            }
        }
    }
}
