using System.Security.Cryptography;
using System.Text;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.State;

/// <summary>
/// A cross-process lock on one prefix, so builds that share it take turns. The lock file lives in
/// the tools folder, not in the prefix, because recreating an env deletes the prefix. It is named
/// after the prefix's real path, so a prefix reached through a link and through its target is one lock.
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
        var realPrefix = PathIdentity.RealPath(prefix);
        var path = Path.Combine(locksDirectory, LockFileName(realPrefix));
        var deadline = DateTime.UtcNow + timeout;
        var announced = false;
        while (true)
        {
            FileStream stream;
            try
            {
                // FileShare.None takes an exclusive lock on every OS (flock on Unix, a share lock on Windows).
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!announced)
                {
                    log.Step($"Waiting for another build that is working on {prefix}...");
                    announced = true;
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (IOException exception)
            {
                throw new M1EnvException(
                    ErrorCodes.PrefixBusy,
                    $"Another process has held the lock on {prefix} for more than {timeout.TotalMinutes:0} minutes ({path}). If no build is running, delete that file and build again.",
                    inner: exception);
            }

            bool claimed;
            try
            {
                claimed = Claim(stream, path, realPrefix);
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            if (!claimed)
            {
                // A sweep deleted the file between our open and our lock: lock the file now at the path.
                await stream.DisposeAsync().ConfigureAwait(false);
                continue;
            }

            StaleLockSweeper.Sweep(locksDirectory, except: path);
            return new PrefixLock(stream);
        }
    }

    internal static string LockFileName(string realPrefix) => FileStem(realPrefix) + ".lock";

    /// <summary>The name of the files M1Env keeps beside the locks about one prefix, from its real path.</summary>
    internal static string FileStem(string realPrefix) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(PathIdentity.Key(realPrefix))))[..32].ToLowerInvariant();

    /// <summary>
    /// Writes the prefix into the locked file, then checks that the file is still the one at the path.
    /// </summary>
    /// <remarks>
    /// The race: a sweep deletes a stale lock file while holding its lock; a build that opened the
    /// file just before the delete gets that lock right after it, on a file no longer at the path,
    /// while a third build creates a new file at the path and locks that: two holders. So the holder
    /// stamps its handle with a random modification time and reads it back through the path; another
    /// file (or none) there shows a different time. (The content cannot be read back through the
    /// path: the lock itself forbids a second open, even in this process.)
    /// </remarks>
    internal static bool Claim(FileStream stream, string path, string realPrefix)
    {
        stream.SetLength(0);
        stream.Write(Encoding.UTF8.GetBytes(realPrefix + Environment.NewLine));
        stream.Flush();

        // Whole seconds within the last hour: a stamp every file system keeps, still a recent write for the sweep.
        var token = DateTime.UtcNow.AddSeconds(-RandomNumberGenerator.GetInt32(1, 3600));
        File.SetLastWriteTimeUtc(stream.SafeFileHandle, token.AddTicks(-(token.Ticks % TimeSpan.TicksPerSecond)));
        return File.GetLastWriteTimeUtc(path) == File.GetLastWriteTimeUtc(stream.SafeFileHandle);
    }

    public void Dispose() => stream.Dispose();
}
