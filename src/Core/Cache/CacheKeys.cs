using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using M1Env.Core.Packaging;

namespace M1Env.Core.Cache;

/// <summary>
/// The key under which a CI system keeps M1EnvToolsDir: <c>m1env-FORMAT-PLATFORM-HASH</c>, the same on every
/// machine and path for the same inputs. An env's key hashes the cache format, the platform, the env's kind,
/// its declared Python and the content of each lock file a build reads (line endings made LF, a missing file
/// "none"); a project's hashes its envs' keys, sorted. Only lock files are read: no process, no tool, nothing
/// in M1EnvToolsDir, which is the folder the key restores. Paths, the clone folder, HOME and the tools
/// folder are no input.
/// </summary>
public static class CacheKeys
{
    /// <summary>This machine's platform as the key names it: its M1EnvLockPlatforms name, else .NET's runtime identifier.</summary>
    public static string CurrentPlatform => LockPlatform.Current?.Name ?? RuntimeInformation.RuntimeIdentifier;

    public static string ForEnv(CacheKeyInput env) => ForEnv(env, CacheFormat.Version, LockPlatform.Current, CurrentPlatform);

    public static string ForProject(IEnumerable<CacheKeyInput> envs) => FromEnvKeys(envs.Select(ForEnv));

    /// <summary>A project's key from its envs' keys, as a build has them after provisioning.</summary>
    public static string FromEnvKeys(IEnumerable<string> envKeys) => Combine(envKeys, CacheFormat.Version, CurrentPlatform);

    /// <summary>A project's key from its envs' keys (in any order).</summary>
    internal static string Combine(IEnumerable<string> envKeys, int formatVersion, string platform)
    {
        var text = new StringBuilder(Header(formatVersion, platform));
        foreach (var key in envKeys.Order(StringComparer.Ordinal))
        {
            text.Append("env ").Append(key).Append('\n');
        }

        return Format(formatVersion, platform, text.ToString());
    }

    /// <param name="current">The platform whose conda lock a build installs (its file counts even when M1EnvLockPlatforms leaves it out).</param>
    internal static string ForEnv(CacheKeyInput env, int formatVersion, LockPlatform? current, string platform)
    {
        var text = new StringBuilder(Header(formatVersion, platform));
        text.Append("kind ").Append(env.Kind.ToString().ToLowerInvariant()).Append('\n');
        text.Append("python ").Append(env.Python).Append('\n');
        foreach (var (name, path) in env.LockFilesIn(current))
        {
            text.Append(name).Append(' ').Append(ContentHash(path)).Append('\n');
        }

        return Format(formatVersion, platform, text.ToString());
    }

    private static string Header(int formatVersion, string platform) => $"m1env cache key {formatVersion}\nplatform {platform}\n";

    private static string Format(int formatVersion, string platform, string text) =>
        $"m1env-{formatVersion}-{platform}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant()}";

    /// <summary>The SHA-256 of the file's bytes with CRLF made LF, so a Windows checkout hashes as a Linux one; "none" for no file.</summary>
    private static string ContentHash(string path)
    {
        if (path.Length == 0)
        {
            return "none";
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return "none";
        }

        var normalized = new byte[bytes.Length];
        var length = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\r' && i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n')
            {
                continue;
            }

            normalized[length++] = bytes[i];
        }

        return "sha256:" + Convert.ToHexString(SHA256.HashData(normalized.AsSpan(0, length))).ToLowerInvariant();
    }
}
