using M1Env.Core.Conda;
using M1Env.Core.Diagnostics;
using M1Env.Core.Processes;
using M1Env.Core.State;

namespace M1Env.Core.Lock.Conda;

/// <summary>
/// Makes a conda env from its lock file, with no solver: <see cref="CondaArguments.CreateFromExplicit"/>.
/// conda downloads exactly the URLs of the lock and checks each against its MD5; a file that does not
/// match fails the create before anything is linked (<see cref="Errors.ErrorCodes.LockHashMismatch"/>).
/// Like <see cref="CondaClient"/> it holds the package cache's lock while conda runs.
/// </summary>
public sealed class CondaLockInstaller(ProcessRunner runner, IProvisionLog log, CondaTool tool, string locksDirectory, TimeSpan lockTimeout)
{
    private static readonly IReadOnlyDictionary<string, string?> Quiet = new Dictionary<string, string?>
    {
        ["CONDA_ALWAYS_YES"] = "true",
        ["CONDA_NOTIFY_OUTDATED_CONDA"] = "false",
        ["CONDA_REPORT_ERRORS"] = "false",
        ["CONDA_AUTO_UPDATE_CONDA"] = "false",
        ["MAMBA_NO_BANNER"] = "1",
    };

    /// <param name="prefix">Where the env is made; it should not exist yet.</param>
    /// <param name="lockFile">The lock file (<see cref="CondaLock.FileName"/>) of this machine's platform.</param>
    /// <exception cref="Errors.M1EnvException">conda failed: see <see cref="CondaFailure.Explain"/>.</exception>
    public async Task CreateAsync(string envName, string prefix, string lockFile, CancellationToken cancellationToken)
    {
        var cache = tool.RootPrefix is { } root ? CondaRoot.PackageCache(root) : tool.Executable + ".pkgs";
        using var cacheLock = await PrefixLock.AcquireAsync(locksDirectory, cache, lockTimeout, log, cancellationToken).ConfigureAwait(false);
        log.Step($"Creating conda env '{envName}' at {prefix} from its lock {Path.GetFileName(lockFile)} (no solver)...");
        var result = await runner.RunAsync(tool.Executable, CondaArguments.CreateFromExplicit(tool.Flavor, prefix, lockFile), streamToLog: true, cancellationToken, environment: Quiet, stdoutIsData: true)
            .ConfigureAwait(false);

        // conda prints nothing on stdout when an explicit create succeeds; micromamba its usual result.
        var transaction = result.Succeeded && !result.TimedOut ? CondaTransaction.Parse(result.StandardOutput) : null;
        if (!result.Succeeded || result.TimedOut || transaction is { Success: false })
        {
            throw CondaFailure.Explain(result, envName);
        }
    }
}
