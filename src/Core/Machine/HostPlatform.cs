using System.Runtime.InteropServices;

namespace M1Env.Core.Machine;

/// <summary>Facts about this machine that decide which interpreters are acceptable.</summary>
public static class HostPlatform
{
    /// <summary>
    /// True on an Apple Silicon Mac, also when this process itself runs under Rosetta: .NET reports
    /// the OS architecture, not the process's.
    /// </summary>
    public static bool IsAppleSilicon { get; } = OperatingSystem.IsMacOS() && RuntimeInformation.OSArchitecture == Architecture.Arm64;

    /// <summary>
    /// On macOS, /usr/bin/python3 is a stub that asks to install the Command Line Tools when they are
    /// missing; it is only a real interpreter when they (or Xcode) are installed.
    /// </summary>
    public static bool MacOSSystemPythonIsReal =>
        File.Exists("/Library/Developer/CommandLineTools/usr/bin/python3")
        || File.Exists("/Applications/Xcode.app/Contents/Developer/usr/bin/python3");
}
