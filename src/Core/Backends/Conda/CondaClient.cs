using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.State;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Runs conda, mamba or micromamba for one env, with M1Env's own package cache. Every command holds
/// a cross-process lock on that cache, so two builds never download into it at once.
/// </summary>
/// <param name="packageCache">
/// The package cache every install uses (<c>CONDA_PKGS_DIRS</c>, <see cref="CondaSettings.PackageCache"/>):
/// in the tools folder, so a CI cache of that one folder holds the packages too, and an install from
/// an explicit lock downloads nothing once it is restored.
/// </param>
public sealed class CondaClient(ProcessRunner runner, IProvisionLog log, CondaTool tool, string packageCache, string locksDirectory, TimeSpan lockTimeout)
{
    /// <summary>Keeps conda from asking, nagging or phoning home in a build.</summary>
    internal static readonly IReadOnlyDictionary<string, string?> Quiet = new Dictionary<string, string?>
    {
        ["CONDA_ALWAYS_YES"] = "true",
        ["CONDA_NOTIFY_OUTDATED_CONDA"] = "false",
        ["CONDA_REPORT_ERRORS"] = "false",
        ["CONDA_AUTO_UPDATE_CONDA"] = "false",
        ["MAMBA_NO_BANNER"] = "1",
    };

    public Task CreateAsync(string envName, string prefix, IReadOnlyList<string> channels, IReadOnlyList<string> specs, CancellationToken cancellationToken) =>
        RunAsync(envName, CondaArguments.Create(tool.CommandLine, prefix, channels, specs), solves: true, cancellationToken);

    public Task InstallAsync(string envName, string prefix, IReadOnlyList<string> channels, IReadOnlyList<string> specs, bool forceReinstall, CancellationToken cancellationToken) =>
        RunAsync(envName, CondaArguments.Install(tool.CommandLine, prefix, channels, specs, forceReinstall), solves: true, cancellationToken);

    /// <param name="force">Remove exactly these, without solving: what depends on them stays (a lock's orphans have no dependents left).</param>
    public Task RemoveAsync(string envName, string prefix, IReadOnlyList<string> names, CancellationToken cancellationToken, bool force = false) =>
        RunAsync(envName, CondaArguments.Remove(tool.CommandLine, prefix, names, force), solves: false, cancellationToken);

    /// <summary>
    /// Makes the prefix from a lock (an explicit file), with no solver: conda downloads exactly its URLs
    /// and checks each against its hash, and a file that does not match fails before anything is linked.
    /// </summary>
    public Task CreateFromLockAsync(string envName, string prefix, string lockFile, CancellationToken cancellationToken) =>
        RunAsync(envName, CondaArguments.CreateFromExplicit(tool.CommandLine, prefix, lockFile), solves: false, cancellationToken, explicitFile: true);

    /// <summary>
    /// Brings an existing prefix to a lock's packages, with no solver: conda skips what is already
    /// there and replaces what differs. What the lock does not list stays; remove it first.
    /// </summary>
    /// <param name="names">The packages that differ. libmamba's programs link again every package an
    /// explicit file lists, so they get a file of just these (the lock's lines for them).</param>
    /// <param name="locked">What <paramref name="lockFile"/> holds.</param>
    public async Task InstallFromLockAsync(string envName, string prefix, string lockFile, CondaLock locked, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (tool.CommandLine == CondaCommandLine.Conda)
        {
            await RunAsync(envName, CondaArguments.InstallFromExplicit(tool.CommandLine, prefix, lockFile), solves: false, cancellationToken, explicitFile: true).ConfigureAwait(false);
            return;
        }

        var part = Path.Combine(Path.GetTempPath(), $"m1env-{Guid.NewGuid():N}{CondaLock.FileSuffix}");
        try
        {
            CondaLockWriter.WriteFile(locked with { Packages = locked.Packages.Where(p => names.Contains(p.Name)).ToArray() }, part);
            await RunAsync(envName, CondaArguments.InstallFromExplicit(tool.CommandLine, prefix, part), solves: false, cancellationToken, explicitFile: true).ConfigureAwait(false);
        }
        finally
        {
            Leftovers.DeleteFile(part);
        }
    }

    private async Task RunAsync(string envName, IReadOnlyList<string> arguments, bool solves, CancellationToken cancellationToken, bool explicitFile = false)
    {
        Directory.CreateDirectory(packageCache);
        using var cacheLock = await PrefixLock.AcquireAsync(locksDirectory, packageCache, lockTimeout, log, cancellationToken).ConfigureAwait(false);
        var environment = Quiet.Append(new("CONDA_PKGS_DIRS", packageCache)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var (_, transaction) = await new CondaCommand(runner, tool).RunAsync(envName, arguments, environment, solves, cancellationToken, explicitFile).ConfigureAwait(false);
        if (transaction is { IsEmpty: false })
        {
            log.Detail($"{tool.Name} linked {Describe(transaction.Link)}; unlinked {Describe(transaction.Unlink)}.");
        }
    }

    private static string Describe(IReadOnlyList<CondaPackageRef> packages) =>
        packages.Count == 0 ? "nothing" : string.Join(", ", packages.Select(p => $"{p.Name} {p.Version}"));
}
