using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>Turns a failed <c>pip install --dry-run --report</c> into an error that says what to change.</summary>
internal static partial class PipResolveFailure
{
    [GeneratedRegex(@"No matching distribution found for (?<requirement>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex NoMatchingDistribution();

    [GeneratedRegex(@"Could not find a version that satisfies the requirement (?<requirement>\S+) \(from versions: (?<versions>[^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex NoSatisfyingVersion();

    [GeneratedRegex(@"no such option: --(report|dry-run)", RegexOptions.CultureInvariant)]
    private static partial Regex OptionUnknown();

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(?<version>[A-Za-z0-9.+!_-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExactPin();

    /// <summary>The name and version of an exact pin (<c>name==1.1.0</c>) pip found no distribution for; null for another failure.</summary>
    public static (string Name, string Version)? MissingPin(ProcessResult result) =>
        NoMatchingDistribution().Match(string.Join("\n", result.OutputTail)) is { Success: true } missing
        && ExactPin().Match(missing.Groups["requirement"].Value) is { Success: true } pin
            ? (pin.Groups["name"].Value, pin.Groups["version"].Value)
            : null;

    /// <param name="filesFor">For a <see cref="MissingPin"/>, the platforms that version's wheels are for (<see cref="PipVersionFiles"/>), or null.</param>
    public static M1EnvException Explain(
        ProcessResult result,
        PipResolveTarget target,
        IReadOnlyList<PipRequirement> requirements,
        int pinned,
        PackageSourceSettings sources,
        IReadOnlyList<LockPlatform>? filesFor = null,
        PipLauncher? launcher = null)
    {
        var output = string.Join("\n", result.OutputTail);
        var what = string.Join(" ", requirements);
        var forWhom = target.Platform is { } platform ? $" for {platform.Name} (CPython {target.PythonVersion})" : string.Empty;

        if (OptionUnknown().IsMatch(output))
        {
            return new M1EnvException(
                ErrorCodes.PipInstallFailed,
                launcher is { Wheel: null }
                    ? "This Python bundles no pip wheel (ensurepip) for M1Env to resolve with, so it used the environment's own pip, which cannot resolve: --dry-run and --report need pip 22.2 or later. Declare pip 22.2 or later (<PipPackage Include=\"pip\" Version=\">=22.2\" />), or use a Python that has ensurepip; pip's last lines follow."
                    : "This pip cannot resolve without installing: --dry-run and --report need pip 22.2 or later; pip's last lines follow.",
                result.Transcript);
        }

        var missing = NoMatchingDistribution().Match(output);
        if (missing.Success)
        {
            var requirement = InputQuote.Shorten(missing.Groups["requirement"].Value);
            var versions = NoSatisfyingVersion().Match(output);
            if (filesFor is not null && MissingPin(result) is { } pin && (target.Platform ?? LockPlatform.Current) is var here && (here is null || !filesFor.Contains(here)))
            {
                return new M1EnvException(ErrorCodes.PackageNotOnIndex, OtherPlatformsOnly(pin.Name, pin.Version, here, filesFor, sources), result.Transcript);
            }

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

    private static string OtherPlatformsOnly(string name, string version, LockPlatform? here, IReadOnlyList<LockPlatform> filesFor, PackageSourceSettings sources)
    {
        var platforms = string.Join(";", filesFor.Select(p => p.Name));
        var quoted = InputQuote.Shorten(name);
        return $"pip found no distribution of {quoted}=={InputQuote.Shorten(version)} for {here?.Name ?? "this machine"}: that version exists in {PipSourceDescription.Describe(sources)}, "
            + $"but its files are for {string.Join(", ", filesFor.Select(p => p.Name))} only. If only those platforms need it, say so in the declaration: "
            + $"<PipPackage Include=\"{quoted}\" Version=\"{InputQuote.Shorten(version)}\" Platforms=\"{platforms}\" />; "
            + "it is then locked and installed there and left out elsewhere (add those platforms to M1EnvLockPlatforms so one lock holds it).";
    }
}
