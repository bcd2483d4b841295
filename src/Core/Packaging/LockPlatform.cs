using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging.Markers;

namespace M1Env.Core.Packaging;

/// <summary>
/// A platform a lock can hold artifacts for, named as <c>M1EnvLockPlatforms</c> and the <c>Platforms</c>
/// metadata name it (<c>osx-arm64</c>, <c>osx-x64</c>, <c>linux-x64</c>, <c>linux-arm64</c>, <c>win-x64</c>;
/// its conda subdir, such as <c>linux-64</c>, is accepted for it): the one table of platforms, with
/// the wheel platform tags pip accepts there, the PEP 508 marker values of a Python running there,
/// its conda subdir and its architecture.
/// </summary>
public sealed class LockPlatform
{
    public static readonly LockPlatform OsxArm64 = new(
        "osx-arm64", "osx-arm64", OSPlatform.OSX, Architecture.Arm64, "darwin", "Darwin", "arm64", "posix",
        new CondaVirtualPackages("m1", Osx: "11.0"),
        MacOSTags("arm64", "11_0", "12_0", "13_0", "14_0", "15_0"));

    public static readonly LockPlatform OsxX64 = new(
        "osx-x64", "osx-64", OSPlatform.OSX, Architecture.X64, "darwin", "Darwin", "x86_64", "posix",
        new CondaVirtualPackages("x86_64", Osx: "10.15"),
        MacOSTags("x86_64", "10_9", "10_13", "10_15", "11_0", "12_0", "13_0", "14_0", "15_0"));

    public static readonly LockPlatform LinuxX64 = new(
        "linux-x64", "linux-64", OSPlatform.Linux, Architecture.X64, "linux", "Linux", "x86_64", "posix",
        new CondaVirtualPackages("x86_64", Glibc: "2.17"),
        LinuxTags("x86_64", legacy: ["manylinux1", "manylinux2010", "manylinux2014"]));

    public static readonly LockPlatform LinuxArm64 = new(
        "linux-arm64", "linux-aarch64", OSPlatform.Linux, Architecture.Arm64, "linux", "Linux", "aarch64", "posix",
        new CondaVirtualPackages("aarch64", Glibc: "2.17"),
        LinuxTags("aarch64", legacy: ["manylinux2014"]));

    public static readonly LockPlatform WinX64 = new(
        "win-x64", "win-64", OSPlatform.Windows, Architecture.X64, "win32", "Windows", "AMD64", "nt",
        new CondaVirtualPackages("x86_64"),
        ["win_amd64"]);

    private LockPlatform(
        string name,
        string condaSubdir,
        OSPlatform os,
        Architecture architecture,
        string sysPlatform,
        string platformSystem,
        string platformMachine,
        string osName,
        CondaVirtualPackages condaVirtualPackages,
        IReadOnlyList<string> pipPlatformTags)
    {
        Name = name;
        CondaSubdir = condaSubdir;
        Os = os;
        Architecture = architecture;
        SysPlatform = sysPlatform;
        PlatformSystem = platformSystem;
        PlatformMachine = platformMachine;
        OsName = osName;
        CondaVirtualPackages = condaVirtualPackages;
        PipPlatformTags = pipPlatformTags;
    }

    /// <summary>Every platform, in the order the names are listed above.</summary>
    public static IReadOnlyList<LockPlatform> All { get; } = [OsxArm64, OsxX64, LinuxX64, LinuxArm64, WinX64];

    /// <summary>The platform this process runs on (by the OS's architecture, as under Rosetta); null for one no lock names.</summary>
    public static LockPlatform? Current { get; } = All.FirstOrDefault(p => RuntimeInformation.IsOSPlatform(p.Os) && RuntimeInformation.OSArchitecture == p.Architecture);

    public string Name { get; }

    /// <summary>The conda subdir: <c>osx-arm64</c>, <c>osx-64</c>, <c>linux-64</c>, <c>linux-aarch64</c>, <c>win-64</c>.</summary>
    public string CondaSubdir { get; }

    /// <summary>The names <see cref="TryParse"/> accepts, as a person reads them: <c>osx-arm64, osx-x64, ...</c> (the conda subdirs aside).</summary>
    public static string KnownNames => string.Join(", ", All.Select(p => p.Name));

    /// <summary>The virtual packages a conda resolve for this platform assumes, whatever machine runs it.</summary>
    public CondaVirtualPackages CondaVirtualPackages { get; }

    public Architecture Architecture { get; }

    /// <summary>The <c>sys_platform</c> marker value: <c>darwin</c>, <c>linux</c>, <c>win32</c>.</summary>
    public string SysPlatform { get; }

    /// <summary>The <c>platform_system</c> marker value: <c>Darwin</c>, <c>Linux</c>, <c>Windows</c>.</summary>
    public string PlatformSystem { get; }

    /// <summary>The <c>platform_machine</c> marker value as that OS reports it: <c>arm64</c>, <c>x86_64</c>, <c>aarch64</c>, <c>AMD64</c>.</summary>
    public string PlatformMachine { get; }

    /// <summary>The <c>os_name</c> marker value: <c>posix</c> or <c>nt</c>.</summary>
    public string OsName { get; }

    /// <summary>
    /// The <c>--platform</c> values, most widely compatible first: pip ranks a wheel by the first tag
    /// that matches, so of two wheels of one release the one that runs on the oldest OS wins.
    /// </summary>
    public IReadOnlyList<string> PipPlatformTags { get; }

    private OSPlatform Os { get; }

    /// <summary>A platform's name or its conda subdir; case-insensitive, surrounding blanks ignored.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out LockPlatform? platform)
    {
        var text = name?.Trim();
        platform = All.FirstOrDefault(p => string.Equals(p.Name, text, StringComparison.OrdinalIgnoreCase))
            ?? All.FirstOrDefault(p => string.Equals(p.CondaSubdir, text, StringComparison.OrdinalIgnoreCase));
        return platform is not null;
    }

    /// <summary>The platform of a name in <c>M1EnvLockPlatforms</c> (see <see cref="TryParse"/>).</summary>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.InvalidSetting"/> for a name M1Env cannot lock for.</exception>
    public static LockPlatform Parse(string name) =>
        TryParse(name, out var platform)
            ? platform
            : throw new M1EnvException(ErrorCodes.InvalidSetting,
                $"M1EnvLockPlatforms names '{InputQuote.Shorten(name?.Trim() ?? string.Empty)}', which is no platform M1Env locks for. Use {KnownNames} (or their conda subdirs).");

    /// <summary>The distinct platforms of names (<see cref="Parse"/>), in the order first named.</summary>
    public static IReadOnlyList<LockPlatform> ParseAll(IEnumerable<string> names) => names.Select(Parse).Distinct().ToArray();

    /// <summary>Whether a Python whose <c>platform.machine()</c> is <paramref name="machine"/> runs as this platform's (not an x86_64 Python under Rosetta on osx-arm64).</summary>
    public bool IsMachineOf(string machine) => string.Equals(machine, PlatformMachine, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The platforms a wheel's platform tag (<c>macosx_14_0_arm64</c>, <c>manylinux_2_17_x86_64</c>,
    /// <c>win_amd64</c>, <c>any</c>) runs on, by its OS and architecture, whatever OS version it names.
    /// </summary>
    public static IReadOnlyList<LockPlatform> OfWheelPlatformTag(string tag)
    {
        var lower = tag.ToLowerInvariant();
        if (lower == "any")
        {
            return All;
        }

        return All.Where(p => p.Os == OSPlatform.OSX
                ? lower.StartsWith("macosx_", StringComparison.Ordinal)
                    && (lower.EndsWith("_" + p.PlatformMachine, StringComparison.Ordinal) || lower.EndsWith("_universal2", StringComparison.Ordinal))
                : p.Os == OSPlatform.Linux
                    ? (lower.StartsWith("manylinux", StringComparison.Ordinal) || lower.StartsWith("musllinux", StringComparison.Ordinal) || lower.StartsWith("linux_", StringComparison.Ordinal))
                        && lower.EndsWith("_" + p.PlatformMachine, StringComparison.Ordinal)
                    : p.PipPlatformTags.Contains(lower))
            .ToArray();
    }

    /// <summary>The PEP 508 marker that holds on this platform only: its <c>sys_platform</c> and <c>platform_machine</c>.</summary>
    public string Marker => $"(sys_platform == '{SysPlatform}' and platform_machine == '{PlatformMachine}')";

    /// <summary><see cref="MarkerEnvironment(string)"/> as the marker evaluator reads it; a version of a major alone (<c>3</c>) is taken as it is.</summary>
    public MarkerEnvironment MarkerValues(string pythonVersion) => new()
    {
        ImplementationName = "cpython",
        OsName = OsName,
        PlatformMachine = PlatformMachine,
        PlatformPythonImplementation = "CPython",
        PlatformSystem = PlatformSystem,
        PythonVersion = pythonVersion.Contains('.', StringComparison.Ordinal) ? PythonTargetVersion.MajorMinor(pythonVersion) : pythonVersion,
        PythonFullVersion = pythonVersion,
        SysPlatform = SysPlatform,
    };

    /// <summary>
    /// The PEP 508 marker environment of a CPython <paramref name="pythonVersion"/> (<c>3.11</c>) on this
    /// platform. <c>python_full_version</c>, <c>platform_release</c> and <c>platform_version</c> are left
    /// out: no single value holds for every machine of the platform.
    /// </summary>
    public IReadOnlyDictionary<string, string> MarkerEnvironment(string pythonVersion) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["implementation_name"] = "cpython",
            ["os_name"] = OsName,
            ["platform_machine"] = PlatformMachine,
            ["platform_python_implementation"] = "CPython",
            ["platform_system"] = PlatformSystem,
            ["python_version"] = PythonTargetVersion.MajorMinor(pythonVersion),
            ["sys_platform"] = SysPlatform,
        };

    public override string ToString() => Name;

    private static string[] MacOSTags(string architecture, params string[] versions) =>
        [.. versions.Select(v => $"macosx_{v}_{architecture}")];

    // pip expands neither manylinux_2_X tags nor their legacy aliases into each other, so each is listed.
    private static string[] LinuxTags(string architecture, string[] legacy) =>
    [
        .. legacy.Select(l => $"{l}_{architecture}"),
        .. Enumerable.Range(17, 28 - 17 + 1).Select(minor => $"manylinux_2_{minor}_{architecture}"),
        $"linux_{architecture}",
    ];
}
