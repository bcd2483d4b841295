using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Resolves a conda env into a <see cref="CondaLock"/> for each platform without installing anything:
/// one <c>create --dry-run --json</c> per platform into a prefix that does not exist, with the env's
/// channels only, for a foreign platform through <c>CONDA_SUBDIR</c> and fixed virtual packages
/// (<see cref="PlatformEnvironment"/>).
/// </summary>
/// <param name="resolveCache">
/// The package cache the dry runs use (<c>CONDA_PKGS_DIRS</c>), M1Env's own and used for nothing else.
/// A dry run downloads no package, so this cache never holds one: conda then lists every package
/// under <c>FETCH</c> with its whole repodata record (URL, MD5, SHA-256). It keeps the channels'
/// repodata (its <c>cache/</c> folder), so the next resolution does not download them again.
/// </param>
public sealed class CondaLockResolver(ProcessRunner runner, IProvisionLog log, CondaTool tool, string resolveCache)
{
    private IReadOnlyList<string>? packageCaches;

    /// <summary>The lock of one platform.</summary>
    /// <param name="specs">The match specs: the Python pin and the conda packages (see <see cref="CondaLockUpdate.Specs"/> to keep what did not change).</param>
    /// <param name="declaredSpecs">The specs the header records; <paramref name="specs"/> when null.</param>
    /// <exception cref="M1EnvException">conda failed (see <see cref="CondaFailure.Explain"/>), or named a package it gave no record for.</exception>
    public async Task<CondaLock> ResolveAsync(
        string envName,
        IReadOnlyList<string> channels,
        IReadOnlyList<string> specs,
        LockPlatform platform,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? declaredSpecs = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Directory.CreateDirectory(resolveCache);
        var prefix = Path.Combine(Path.GetTempPath(), $"m1env-lock-{Guid.NewGuid():N}", envName);
        var environment = CondaClient.Quiet.Concat(PlatformEnvironment(platform)).Append(new("CONDA_PKGS_DIRS", resolveCache))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        log.Step($"Resolving conda env '{envName}' for {platform.CondaSubdir}: {string.Join(", ", specs)} (dry run, nothing is installed)...");
        var (result, transaction) = await new CondaCommand(runner, tool)
            .RunAsync(envName, CondaArguments.CreateDryRun(tool.CommandLine, prefix, channels, specs), environment, solves: true, cancellationToken)
            .ConfigureAwait(false);
        var packages = CondaDryRunRecords.Read(result.StandardOutput, _ => null, out var missing);
        if (missing.Count > 0)
        {
            var caches = packageCaches ??= await PackageCachesAsync(cancellationToken).ConfigureAwait(false);
            packages = CondaDryRunRecords.Read(result.StandardOutput, link => FromPackageCache(caches, link), out missing);
        }

        if (missing.Count > 0 || transaction is not { Link.Count: > 0 })
        {
            throw new M1EnvException(ErrorCodes.CondaCommandFailed,
                missing.Count > 0
                    ? $"conda resolved the environment '{envName}' for {platform.CondaSubdir} but gave no URL and hash for {string.Join(", ", missing)}, so it cannot be locked. Delete {resolveCache} and lock again."
                    : $"conda resolved the environment '{envName}' for {platform.CondaSubdir} to no package at all, so there is nothing to lock.",
                result.Transcript);
        }

        return new CondaLock(envName, platform.CondaSubdir, declaredSpecs ?? specs, packages);
    }

    /// <summary>
    /// The variables a dry run for a platform runs with: <c>CONDA_SUBDIR</c> and the platform's fixed
    /// virtual packages (<see cref="LockPlatform.CondaVirtualPackages"/>); conda and micromamba both read them.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> PlatformEnvironment(LockPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var virtualPackages = platform.CondaVirtualPackages;
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["CONDA_SUBDIR"] = platform.CondaSubdir,
            ["CONDA_OVERRIDE_CUDA"] = string.Empty,
            ["CONDA_OVERRIDE_ARCHSPEC"] = virtualPackages.Archspec,
        };
        if (virtualPackages.Osx is { } osx)
        {
            variables["CONDA_OVERRIDE_OSX"] = osx;
        }

        if (virtualPackages.Glibc is { } glibc)
        {
            variables["CONDA_OVERRIDE_GLIBC"] = glibc;
        }

        return variables;
    }

    /// <summary>The locks of every platform, in the order given; one dry run after the other (conda's caches are not safe for two at once).</summary>
    public async Task<IReadOnlyList<CondaLock>> ResolveAllAsync(
        string envName,
        IReadOnlyList<string> channels,
        IReadOnlyList<string> specs,
        IReadOnlyList<LockPlatform> platforms,
        CancellationToken cancellationToken)
    {
        var locks = new List<CondaLock>(platforms.Count);
        foreach (var platform in platforms)
        {
            locks.Add(await ResolveAsync(envName, channels, specs, platform, cancellationToken).ConfigureAwait(false));
        }

        return locks;
    }

    /// <summary>
    /// A package conda left out of <c>FETCH</c> because a package cache it also reads holds it (conda
    /// adds the caches of its settings to <c>CONDA_PKGS_DIRS</c>): its <c>info/repodata_record.json</c> there,
    /// from the same channel.
    /// </summary>
    private static (CondaLockedPackage Package, IReadOnlyList<string> Depends)? FromPackageCache(IReadOnlyList<string> caches, CondaPackageRef link)
    {
        foreach (var cache in caches)
        {
            var record = CondaDryRunRecords.FromRepodataRecord(Path.Combine(cache, link.DistName, "info", "repodata_record.json"));
            if (record is { } found && CondaChannelName.Normalize(found.Package.Url) == link.Channel)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The package caches conda reads, from <c>info --json</c>; the resolve cache alone when it cannot say.</summary>
    private async Task<IReadOnlyList<string>> PackageCachesAsync(CancellationToken cancellationToken)
    {
        var environment = CondaClient.Quiet.Append(new("CONDA_PKGS_DIRS", resolveCache)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var result = await runner.RunAsync(tool.Executable, ["info", "--json"], streamToLog: false, cancellationToken, TimeSpan.FromMinutes(2), environment, stdoutIsData: true)
            .ConfigureAwait(false);
        var caches = result.Succeeded ? CondaInfo.PackageCaches(result.StandardOutput) : [];
        return caches.Count > 0 ? caches : [resolveCache];
    }
}
