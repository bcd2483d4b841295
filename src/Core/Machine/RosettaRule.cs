using System.Runtime.InteropServices;

namespace M1Env.Core.Machine;

/// <summary>
/// The course's first rule: on Apple Silicon nothing x86-64 (it runs under Rosetta, installs
/// osx-64 packages, and cannot use Metal). Judged from the executable's header, without running it.
/// </summary>
public static class RosettaRule
{
    /// <summary>Why the executable breaks the rule, or null; a universal binary, or one of unknown format, passes.</summary>
    public static string? Problem(string executable, IReadOnlyList<Architecture> architectures, bool hostIsAppleSilicon) =>
        hostIsAppleSilicon && architectures.Count > 0 && !architectures.Contains(Architecture.Arm64)
            ? $"{executable} is built for {string.Join(" and ", architectures.Select(a => a.ToString().ToLowerInvariant()))}, not arm64: on this Apple Silicon Mac it would run under Rosetta, installing osx-64 packages that cannot use the GPU (Metal)"
            : null;
}
