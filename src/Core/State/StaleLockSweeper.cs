using System.Text;

namespace M1Env.Core.State;

/// <summary>
/// Removes lock files nobody needs any more: not written for a week and naming a prefix that no
/// longer exists. Each is deleted only while holding its lock; a lock in use is left alone.
/// </summary>
internal static class StaleLockSweeper
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    public static void Sweep(string locksDirectory, string except)
    {
        try
        {
            var cutoff = DateTime.UtcNow - MaxAge;
            foreach (var file in Directory.EnumerateFiles(locksDirectory, "*.lock"))
            {
                if (!string.Equals(file, except, StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    RemoveIfUnused(file);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a lock file left behind costs a few bytes, a failed build costs much more.
        }
    }

    private static void RemoveIfUnused(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var prefix = reader.ReadLine();
            if (!string.IsNullOrWhiteSpace(prefix) && Path.Exists(prefix))
            {
                return;
            }

            if (OperatingSystem.IsWindows())
            {
                // Windows refuses to delete a file anyone holds open, this lock included: release, then
                // delete, which fails harmlessly if another build opened it in between.
                stream.Dispose();
            }

            File.Delete(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Held by a build (or unreadable): not ours to remove.
        }
    }
}
