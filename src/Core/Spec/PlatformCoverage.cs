using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;
using M1Env.Core.Python;

namespace M1Env.Core.Spec;

/// <summary>Checks a package's <c>Platforms</c> against the platforms its lock is written for.</summary>
internal static class PlatformCoverage
{
    /// <summary>
    /// A warning when M1EnvLockPlatforms is set and the package names a platform it leaves out (the lock
    /// always covers this machine too): no lock would hold the package for that platform. Null otherwise.
    /// </summary>
    public static SpecError? Warning(string item, string name, PackagePlatforms appliesOn, IReadOnlyList<string> lockPlatforms, DeclarationSite? declaredIn)
    {
        if (lockPlatforms.Count == 0 || appliesOn.Platforms.Count == 0)
        {
            return null;
        }

        var locked = lockPlatforms
            .Select(n => LockPlatform.TryParse(n, out var p) ? p : null)
            .Append(LockPlatform.Current)
            .OfType<LockPlatform>()
            .ToHashSet();
        var left = appliesOn.Platforms.Where(p => !locked.Contains(p)).Select(p => p.Name).ToArray();
        return left.Length == 0
            ? null
            : new SpecError(ErrorCodes.PlatformNotLocked,
                $"{item} '{InputQuote.Shorten(name)}' has Platforms for {string.Join(", ", left)}, which M1EnvLockPlatforms ({string.Join(";", lockPlatforms)}) leaves out: its lock will not hold the package there. Add {string.Join(";", left)} to M1EnvLockPlatforms.",
                declaredIn);
    }

    /// <summary>Whether a package with these platforms applies to this machine, for the env's requested Python.</summary>
    public static bool AppliesHere(PackagePlatforms appliesOn, PythonRequest python) =>
        appliesOn.AppliesTo(LockPlatform.Current, python.Minor is { } minor ? $"{python.Major}.{minor}" : $"{python.Major}");
}
