using System.Text.RegularExpressions;
using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.Processes;
using M1Env.Core.Spec;

namespace M1Env.Core.Pip;

/// <summary>Turns a failed <c>pip install --dry-run --report</c> into an error that says what to change.</summary>
internal static partial class PipResolveFailure
{
    [GeneratedRegex(@"No matching distribution found for (?<requirement>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex NoMatchingDistribution();

    [GeneratedRegex(@"Could not find a version that satisfies the requirement (?<requirement>\S+) \(from versions: (?<versions>[^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex NoSatisfyingVersion();

    [GeneratedRegex(@"no such option: --(report|dry-run)", RegexOptions.CultureInvariant)]
    private static partial Regex OptionUnknown();

    public static M1EnvException Explain(
        ProcessResult result,
        PipResolveTarget target,
        IReadOnlyList<PipRequirement> requirements,
        int pinned,
        PackageSourceSettings sources)
    {
        var output = string.Join("\n", result.OutputTail);
        var what = string.Join(" ", requirements);
        var forWhom = target.Platform is { } platform ? $" for {platform.Name} (CPython {target.PythonVersion})" : string.Empty;

        if (OptionUnknown().IsMatch(output))
        {
            return new M1EnvException(
                ErrorCodes.PipInstallFailed,
                "This pip cannot resolve without installing: --dry-run and --report need pip 22.2 or later. Upgrade pip in the environment; pip's last lines follow.",
                result.Transcript);
        }

        var missing = NoMatchingDistribution().Match(output);
        if (missing.Success)
        {
            var requirement = InputQuote.Shorten(missing.Groups["requirement"].Value);
            var versions = NoSatisfyingVersion().Match(output);
            var listed = versions.Success && versions.Groups["versions"].Value.Trim() is { Length: > 0 } list && list != "none" ? list : null;
            var message = target.Platform is { } foreign
                ? $"pip found no wheel of {requirement} for {foreign.Name} (CPython {target.PythonVersion}, platform tags {foreign.PipPlatformTags[0]} to {foreign.PipPlatformTags[^1]}) in {PipSourceDescription.Describe(sources)}" +
                  (listed is null ? ": it has no version with such a wheel." : $": only versions {listed} have a wheel that fits.") +
                  " For a platform other than this machine's only wheels can be locked, as pip cannot build an sdist for it: the package may publish only an sdist, or no wheel for this platform and Python. Leave the platform out of M1EnvLockPlatforms, or use a version that has such a wheel."
                : $"pip found no distribution for {requirement} in {PipSourceDescription.Describe(sources)}: " +
                  (listed is null ? "it has no version of it at all." : $"the versions there are: {listed}.") +
                  " Check the name and Version, or the index settings (M1EnvPipIndexUrl, M1EnvPipFindLinks, M1EnvOffline).";
            return new M1EnvException(ErrorCodes.PackageNotOnIndex, message, result.Transcript);
        }

        if (output.Contains("ResolutionImpossible", StringComparison.Ordinal))
        {
            var pins = pinned == 0
                ? string.Empty
                : $" {pinned} package(s) were held at their locked versions; freeing them may let pip find a solution (-p:M1EnvLockUpdate=NAME, or every one with -t:M1EnvLock).";
            return new M1EnvException(
                ErrorCodes.PipInstallFailed,
                $"pip found no set of versions{forWhom} that satisfies {what} together.{pins} pip's last lines follow.",
                result.Transcript);
        }

        var how = result.TimedOut ? "ran past its time limit" : $"failed (exit code {result.ExitCode})";
        return new M1EnvException(
            ErrorCodes.PipInstallFailed,
            $"pip's resolution{forWhom} of {what} {how}; nothing was installed. pip's last lines follow.",
            result.Transcript);
    }
}
