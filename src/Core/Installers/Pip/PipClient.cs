using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Installers.Pip;

/// <summary>Installs and removes packages in an env, with the pip <paramref name="launcher"/> starts (by default the env's own).</summary>
/// <param name="python">The env's own interpreter: whatever pip runs in it installs into the env.</param>
/// <param name="launcher">The pip M1Env controls (<see cref="PipLauncher"/>): the interpreter's bundled wheel, so the env's own pip, whatever its version or state, is never what installs.</param>
/// <param name="installsPip">
/// For an env made without pip: every install also installs pip itself from the launcher's wheel, so
/// the env ends with a pip of its own, RECORD and console scripts included, at the cost of no extra process.
/// </param>
public sealed partial class PipClient(ProcessRunner runner, string python, PackageSourceSettings sources, PipLauncher? launcher = null, bool installsPip = false)
{
    private readonly string? selfWheel = installsPip ? launcher?.Wheel : null;

    [GeneratedRegex(@"No matching distribution found for (?<requirement>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex NoMatchingDistribution();

    [GeneratedRegex(@"Could not find a version that satisfies the requirement (?<requirement>\S+) \(from versions: (?<versions>[^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex NoSatisfyingVersion();

    public Task InstallAsync(IReadOnlyList<PipRequirement> requirements, CancellationToken cancellationToken) =>
        RunInstallAsync([.. PipArguments.Install(sources, requirements), .. selfWheel is null ? Array.Empty<string>() : [selfWheel]], string.Join(" ", requirements), cancellationToken);

    public Task ReinstallAsync(IReadOnlyList<StampedDistribution> distributions, CancellationToken cancellationToken) =>
        RunInstallAsync(PipArguments.Reinstall(sources, distributions, launcher?.Wheel), string.Join(" ", distributions.Select(d => $"{d.Name}=={d.Version}")), cancellationToken);

    /// <summary>Installs the locked artifacts (a requirements file with a hash on every line); a hash that differs stops pip before it installs anything.</summary>
    public async Task InstallLockedAsync(string requirements, string lockFile, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"m1env-lock-{Guid.NewGuid():N}.txt");
        if (selfWheel is not null)
        {
            // Hash-checking mode wants a hash for pip's own wheel too.
            requirements += $"{selfWheel} --hash=sha256:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(selfWheel, cancellationToken).ConfigureAwait(false))).ToLowerInvariant()}\n";
        }

        await File.WriteAllTextAsync(file, requirements, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await runner.RunAsync(python, Launch(PipArguments.InstallLocked(sources, file)), streamToLog: true, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded && result.OutputTail.Any(line => line.Contains("DO NOT MATCH THE HASHES", StringComparison.Ordinal)))
            {
                throw new M1EnvException(
                    ErrorCodes.LockHashMismatch,
                    $"An artifact that {lockFile} locks does not have the hash it records, so nothing was installed and the environment keeps what it had. Someone changed the file on the index, or the lock: check it, and resolve again (dotnet build -t:M1EnvLock) only if the new artifact is trusted.",
                    result.Transcript);
            }

            if (!result.Succeeded)
            {
                throw new M1EnvException(ErrorCodes.PipInstallFailed, $"pip could not install what {lockFile} locks (exit code {result.ExitCode}); pip's last lines follow.", result.Transcript);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private IReadOnlyList<string> Launch(IReadOnlyList<string> arguments) => (launcher ?? PipLauncher.EnvsOwn).Launch(arguments);

    private async Task RunInstallAsync(IReadOnlyList<string> arguments, string what, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(python, Launch(arguments), streamToLog: true, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return;
        }

        var missing = NoMatchingDistribution().Match(string.Join("\n", result.OutputTail));
        if (missing.Success)
        {
            var versions = NoSatisfyingVersion().Match(string.Join("\n", result.OutputTail));
            var available = versions.Success && versions.Groups["versions"].Value.Trim() is { Length: > 0 } list && list != "none"
                ? $"the versions there are: {list}"
                : "it has no version of it at all";
            throw new M1EnvException(
                ErrorCodes.PackageNotOnIndex,
                $"pip found no distribution for {InputQuote.Shorten(missing.Groups["requirement"].Value)} in {PipSourceDescription.Describe(sources)}: {available}. Check the name and Version, or the index settings (M1EnvPipIndexUrl, M1EnvPipFindLinks, M1EnvOffline).",
                result.Transcript);
        }

        throw new M1EnvException(
            ErrorCodes.PipInstallFailed,
            $"pip install failed (exit code {result.ExitCode}) for {what}. The environment keeps the packages it had; pip's last lines follow.",
            result.Transcript);
    }

    public async Task UninstallAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(python, Launch(PipArguments.Uninstall(names)), streamToLog: true, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new M1EnvException(
                ErrorCodes.PipUninstallFailed,
                $"pip uninstall failed (exit code {result.ExitCode}) for {string.Join(" ", names)}; pip's last lines follow.",
                result.Transcript);
        }
    }
}
