using System.Security.Cryptography;
using System.Text;
using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.Paths;

namespace M1Env.Core.State;

/// <summary>
/// A cross-process lock on one prefix, so builds that share it take turns. The lock file lives in
/// the tools folder, not in the prefix, because recreating an env deletes the prefix.
/// </summary>
public sealed class PrefixLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly FileStream stream;

    private PrefixLock(FileStream stream) => this.stream = stream;

    public static async Task<PrefixLock> AcquireAsync(
        string locksDirectory,
        string prefix,
        TimeSpan timeout,
        IProvisionLog log,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(locksDirectory);
        var path = Path.Combine(locksDirectory, LockFileName(prefix));
        var deadline = DateTime.UtcNow + timeout;
        var announced = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive lock on every OS (flock on Unix, a share lock on Windows).
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                stream.Write(Encoding.UTF8.GetBytes(prefix + Environment.NewLine));
                stream.Flush();
                return new PrefixLock(stream);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!announced)
                {
                    log.Step($"Waiting for another build that is working on {prefix}...");
                    announced = true;
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw new M1EnvException(
                    ErrorCodes.PrefixBusy,
                    $"Another process has held the lock on {prefix} for more than {timeout.TotalMinutes:0} minutes ({path}). If no build is running, delete that file and build again.",
                    inner: exception);
            }
        }
    }

    internal static string LockFileName(string prefix)
    {
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(PathIdentity.Key(prefix))))[..32].ToLowerInvariant() + ".lock";
    }

    public void Dispose() => stream.Dispose();
}
