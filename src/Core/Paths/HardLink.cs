using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace M1Env.Core.Paths;

/// <summary>Hard links through POSIX <c>link(2)</c>, which .NET has no API for.</summary>
[UnsupportedOSPlatform("windows")]
public static partial class HardLink
{
    /// <summary>
    /// Links <paramref name="target"/> to <paramref name="source"/>'s file, or copies it (with its
    /// modification time) where the two cannot share a file: another file system, or one without links.
    /// </summary>
    /// <exception cref="IOException">Neither worked, or <paramref name="target"/> exists.</exception>
    public static void LinkOrCopy(string source, string target)
    {
        if (link(source, target) == 0)
        {
            return;
        }

        File.Copy(source, target);
        File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(source));
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int link(string oldPath, string newPath);
}
