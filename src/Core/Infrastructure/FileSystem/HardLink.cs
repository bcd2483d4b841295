using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>Hard links through POSIX <c>link(2)</c>, which .NET has no API for.</summary>
[UnsupportedOSPlatform("windows")]
internal static partial class HardLink
{
    /// <summary>Makes <paramref name="target"/> another name of <paramref name="source"/>'s file; false where it cannot (another file system, one without links, a target in the way).</summary>
    public static bool TryLink(string source, string target) => link(source, target) == 0;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int link(string oldPath, string newPath);
}
