using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.State;

namespace M1Env.Core.Engine;

/// <summary>
/// A working env is never deleted before its replacement works: to remake an env, the old one is
/// renamed to a sibling, and deleted only once the new one is complete. If making the new one fails,
/// or the build is killed, the old one is put back (at once, or by the next build).
/// </summary>
internal sealed class PrefixBackup
{
    private readonly string prefix;

    private PrefixBackup(string prefix) => this.prefix = prefix;

    private string BackupPath => PathOf(prefix);

    public static PrefixBackup MoveAside(string prefix)
    {
        var backup = new PrefixBackup(prefix);
        DeleteIfExists(backup.BackupPath);
        Directory.Move(prefix, backup.BackupPath);
        return backup;
    }

    /// <summary>A killed build left the previous env aside, and the next build will put it back.</summary>
    public static bool NeedsRecovery(string prefix) =>
        Directory.Exists(PathOf(prefix)) && !(Directory.Exists(prefix) && new StampStore(prefix).Read() is { Complete: true });

    /// <summary>Called under the prefix lock before anything else: finishes what a killed build left.</summary>
    /// <returns>The previous env was put back.</returns>
    public static bool Recover(string prefix, IProvisionLog log)
    {
        var backup = PathOf(prefix);
        if (!Directory.Exists(backup))
        {
            return false;
        }

        var replacement = new StampStore(prefix).Read();
        if (Directory.Exists(prefix) && replacement is { Complete: true })
        {
            DeleteIfExists(backup);
            return false;
        }

        log.Step($"A build was stopped while it remade the environment at {prefix}; putting the previous one back.");
        new PrefixBackup(prefix).Restore();
        return true;
    }

    public void Restore()
    {
        DeleteIfExists(prefix);
        Directory.Move(BackupPath, prefix);
    }

    public void Discard() => DeleteIfExists(BackupPath);

    private static string PathOf(string prefix) =>
        Path.Combine(Path.GetDirectoryName(prefix) ?? prefix, "." + Path.GetFileName(prefix) + ".m1env-previous");

    private static void DeleteIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
