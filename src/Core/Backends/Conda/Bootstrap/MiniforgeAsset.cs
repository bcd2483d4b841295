using System.Runtime.InteropServices;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Backends.Conda.Bootstrap;

/// <summary>
/// Which Miniforge installer fits a machine. conda-forge names each release's files
/// <c>Miniforge3-&lt;version&gt;-&lt;OS&gt;-&lt;arch&gt;.&lt;sh|exe&gt;</c> and publishes a
/// <c>.sha256</c> file beside each.
/// </summary>
/// <param name="Platform">The OS and CPU part of the file name, such as <c>Linux-x86_64</c>.</param>
/// <param name="Extension"><c>.sh</c> (run with bash) or <c>.exe</c> (a Windows NSIS installer).</param>
public sealed record MiniforgeAsset(string Platform, string Extension)
{
    private static readonly (OSPlatform Os, Architecture Architecture, string Platform)[] Published =
    [
        (OSPlatform.OSX, Architecture.Arm64, "MacOSX-arm64"),
        (OSPlatform.OSX, Architecture.X64, "MacOSX-x86_64"),
        (OSPlatform.Linux, Architecture.X64, "Linux-x86_64"),
        (OSPlatform.Linux, Architecture.Arm64, "Linux-aarch64"),
        (OSPlatform.Linux, Architecture.Ppc64le, "Linux-ppc64le"),
        (OSPlatform.Windows, Architecture.X64, "Windows-x86_64"),
    ];

    public bool IsWindowsInstaller => Extension == ".exe";

    public string FileName(string version) => $"Miniforge3-{version}-{Platform}{Extension}";

    /// <summary>The installer for <paramref name="os"/> on <paramref name="architecture"/>.</summary>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.CondaNotFound"/>: Miniforge publishes no installer for that machine.</exception>
    public static MiniforgeAsset For(OSPlatform os, Architecture architecture)
    {
        var platform = Published.FirstOrDefault(entry => entry.Os == os && entry.Architecture == architecture).Platform;
        if (platform is null)
        {
            throw new M1EnvException(
                ErrorCodes.CondaNotFound,
                $"No conda was found, and Miniforge publishes no installer for {os} on {architecture}, so M1Env cannot install it. "
                + "Install conda (or mamba) yourself and set M1EnvCondaExe to its executable. Miniforge runs on Linux (x86_64, aarch64, ppc64le), macOS (x86_64, arm64) and Windows (x86_64).");
        }

        return new MiniforgeAsset(platform, os == OSPlatform.Windows ? ".exe" : ".sh");
    }

    /// <summary>
    /// The installer for this machine. The OS architecture, not the process's: an x64 .NET under
    /// Rosetta on an Apple Silicon Mac still gets the arm64 installer.
    /// </summary>
    public static MiniforgeAsset ForCurrentMachine() => For(CurrentOS(), RuntimeInformation.OSArchitecture);

    private static OSPlatform CurrentOS() =>
        OperatingSystem.IsWindows() ? OSPlatform.Windows
        : OperatingSystem.IsMacOS() ? OSPlatform.OSX
        : OperatingSystem.IsLinux() ? OSPlatform.Linux
        : OperatingSystem.IsFreeBSD() ? OSPlatform.FreeBSD
        : OSPlatform.Create(RuntimeInformation.OSDescription);
}
