using Xunit;

namespace M1Env.Testing;

/// <summary>
/// A fact about a file system that hard-links but cannot clone: skipped, saying why, unless the temp
/// folder is on ext4 (as on this project's Linux machines; btrfs or XFS would clone).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class Ext4TempFactAttribute : FactAttribute
{
    public Ext4TempFactAttribute()
    {
        if (FileSystemType.Of(Path.GetTempPath()) is var type && type != "ext4")
        {
            Skip = $"Needs the temp folder on ext4, which cannot clone files; it is on {type ?? "an unknown file system"}.";
        }
    }
}
