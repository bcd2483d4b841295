using System.Runtime.InteropServices;

namespace M1Env.Testing;

/// <summary>conda's platform folders ("subdirs"): a channel files each package under one of them.</summary>
public static class CondaSubdir
{
    /// <summary>The subdir of packages that install on every platform.</summary>
    public const string Noarch = "noarch";

    /// <summary>This machine's subdir: <c>linux-64</c>, <c>linux-aarch64</c>, <c>osx-64</c>, <c>osx-arm64</c>, <c>win-64</c>, ...</summary>
    public static string Current { get; } = For(RuntimeInformation.OSArchitecture);

    private static string For(Architecture architecture)
    {
        var os = OperatingSystem.IsWindows() ? "win"
            : OperatingSystem.IsMacOS() ? "osx"
            : OperatingSystem.IsLinux() ? "linux"
            : throw new PlatformNotSupportedException("conda has no subdir for this operating system.");
        return architecture switch
        {
            Architecture.X64 => $"{os}-64",
            Architecture.X86 => $"{os}-32",
            Architecture.Arm64 => os == "linux" ? "linux-aarch64" : $"{os}-arm64",
            Architecture.Ppc64le => $"{os}-ppc64le",
            Architecture.S390x => $"{os}-s390x",
            _ => throw new PlatformNotSupportedException($"conda has no subdir for {os} on {architecture}."),
        };
    }
}
