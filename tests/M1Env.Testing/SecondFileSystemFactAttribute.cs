using Xunit;

namespace M1Env.Testing;

/// <summary>
/// A fact that needs a folder on another file system than the temp folder: Linux's <c>/dev/shm</c>
/// (tmpfs). Skipped, saying why, where there is none (macOS, Windows).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SecondFileSystemFactAttribute : FactAttribute
{
    /// <summary>The folder on the other file system.</summary>
    public const string Folder = "/dev/shm";

    public SecondFileSystemFactAttribute()
    {
        if (!Directory.Exists(Folder))
        {
            Skip = $"Needs a second file system at {Folder} (Linux's tmpfs).";
        }
    }
}
