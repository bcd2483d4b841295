using Xunit;

namespace M1Env.Testing;

/// <summary>A fact about what only Linux offers (<c>statx</c>'s link counts): skipped, saying why, elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux.";
        }
    }
}
