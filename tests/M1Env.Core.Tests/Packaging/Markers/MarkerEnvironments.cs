using M1Env.Core.Packaging.Markers;

namespace M1Env.Core.Tests.Packaging.Markers;

/// <summary>What <c>packaging.markers.default_environment()</c> gives on three machines the lock tests stand for.</summary>
internal static class MarkerEnvironments
{
    public static readonly MarkerEnvironment LinuxX64Cp311 = new()
    {
        OsName = "posix", SysPlatform = "linux", PlatformMachine = "x86_64", PlatformPythonImplementation = "CPython",
        PlatformRelease = "6.8.0", PlatformSystem = "Linux", PlatformVersion = "#1 SMP", PythonVersion = "3.11",
        PythonFullVersion = "3.11.7", ImplementationName = "cpython", ImplementationVersion = "3.11.7",
    };

    public static readonly MarkerEnvironment OsxArm64Cp312 = new()
    {
        OsName = "posix", SysPlatform = "darwin", PlatformMachine = "arm64", PlatformPythonImplementation = "CPython",
        PlatformRelease = "23.4.0", PlatformSystem = "Darwin", PlatformVersion = "Darwin Kernel", PythonVersion = "3.12",
        PythonFullVersion = "3.12.1", ImplementationName = "cpython", ImplementationVersion = "3.12.1",
    };

    public static readonly MarkerEnvironment WinX64Cp313Rc = new()
    {
        OsName = "nt", SysPlatform = "win32", PlatformMachine = "AMD64", PlatformPythonImplementation = "CPython",
        PlatformRelease = "10", PlatformSystem = "Windows", PlatformVersion = "10.0.22631", PythonVersion = "3.13",
        PythonFullVersion = "3.13.0rc1", ImplementationName = "cpython", ImplementationVersion = "3.13.0rc1",
    };
}
