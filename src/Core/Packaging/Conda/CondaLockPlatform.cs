using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// A platform a conda lock is made for: a <see cref="LockPlatform"/> of the one platform table, seen
/// through its conda subdir.
/// </summary>
public sealed record CondaLockPlatform(LockPlatform Platform)
{
    /// <summary>The conda subdir: <c>osx-arm64</c>, <c>osx-64</c>, <c>linux-64</c>, <c>linux-aarch64</c>, <c>win-64</c>.</summary>
    public string Subdir => Platform.CondaSubdir;

    /// <summary>The platform of a name in <c>M1EnvLockPlatforms</c> (see <see cref="LockPlatform.TryParse"/>).</summary>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.InvalidSetting"/> for a name M1Env cannot lock for.</exception>
    public static CondaLockPlatform Parse(string name) =>
        LockPlatform.TryParse(name, out var platform)
            ? new CondaLockPlatform(platform)
            : throw new M1EnvException(ErrorCodes.InvalidSetting,
                $"M1EnvLockPlatforms names '{InputQuote.Shorten(name?.Trim() ?? string.Empty)}', which is no platform M1Env locks conda envs for. Use {LockPlatform.KnownNames}.");

    /// <summary>The distinct platforms of a <c>;</c> or <c>,</c> separated list, in the order first named.</summary>
    public static IReadOnlyList<CondaLockPlatform> ParseList(string? names) =>
        (names ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse)
            .Distinct()
            .ToArray();

    /// <summary>
    /// The variables a dry run for this platform runs with: <c>CONDA_SUBDIR</c>, and fixed virtual
    /// packages, so the lock depends on the platform only and never on the machine that resolved it:
    /// <c>__osx</c> 11.0 for Apple Silicon (its first macOS) and 10.15 for Intel Macs, <c>__glibc</c>
    /// 2.17 on Linux (what conda-forge builds against), and no <c>__cuda</c>. conda and micromamba both read them.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["CONDA_SUBDIR"] = Subdir,
            ["CONDA_OVERRIDE_CUDA"] = string.Empty,
        };
        switch (Subdir)
        {
            case "osx-arm64":
                variables["CONDA_OVERRIDE_OSX"] = "11.0";
                variables["CONDA_OVERRIDE_ARCHSPEC"] = "m1";
                break;
            case "osx-64":
                variables["CONDA_OVERRIDE_OSX"] = "10.15";
                variables["CONDA_OVERRIDE_ARCHSPEC"] = "x86_64";
                break;
            case "linux-64":
                variables["CONDA_OVERRIDE_GLIBC"] = "2.17";
                variables["CONDA_OVERRIDE_ARCHSPEC"] = "x86_64";
                break;
            case "linux-aarch64":
                variables["CONDA_OVERRIDE_GLIBC"] = "2.17";
                variables["CONDA_OVERRIDE_ARCHSPEC"] = "aarch64";
                break;
            case "win-64":
                variables["CONDA_OVERRIDE_ARCHSPEC"] = "x86_64";
                break;
        }

        return variables;
    }

    public override string ToString() => Subdir;
}
