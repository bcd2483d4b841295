using System.Security.Cryptography;
using System.Text;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Packaging;

/// <summary>
/// Keeps credentials and private host names out of lock files, and puts the hosts back at install time.
/// </summary>
/// <remarks>
/// PEP 751 requires a <c>url</c> or a <c>path</c> for every file, so a file on a private index cannot simply lose
/// its URL. M1Env keeps the URL's path and replaces its scheme and authority by a placeholder,
/// <c>https://m1env-private-&lt;12 hex&gt;.invalid</c>, where the hex digits begin the SHA-256 of the lowercase host
/// name. The <c>.invalid</c> top-level domain (RFC 2606) never resolves, so another tool reading the file fails
/// clearly instead of downloading from a wrong host; PEP 751 lets installers fetch a file by a tool-specific
/// mechanism. At install time <see cref="Restore"/> maps the placeholder back to the configured index URL with the
/// same host, which works whatever order the hosts are listed in and names no host in the committed file.
/// User info (<c>user:token@</c>) is dropped from every URL, private or not, and is never put back: pip takes the
/// credentials of a configured index for files on that index's host.
/// </remarks>
public static class PrivateHosts
{
    private const string PlaceholderPrefix = "m1env-private-";
    private const string PlaceholderSuffix = ".invalid";

    /// <summary>The placeholder host that stands for <paramref name="host"/> in a lock file.</summary>
    public static string PlaceholderFor(string host)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(host.Trim().ToLowerInvariant()));
        return PlaceholderPrefix + Convert.ToHexString(digest)[..12].ToLowerInvariant() + PlaceholderSuffix;
    }

    /// <summary>
    /// The URL as it may enter a lock file: without user info, and with a private host replaced by its placeholder.
    /// Text that is not an absolute URL (a relative path) is returned unchanged.
    /// </summary>
    /// <param name="privateHosts">Host names (a <c>host:port</c> or a whole URL names its host) from <c>M1EnvLockPrivateHosts</c>.</param>
    public static string Sanitize(string url, IEnumerable<string> privateHosts)
    {
        if (UrlParts.TryParse(url) is not { } parts)
        {
            return url;
        }

        var host = parts.Host;
        return privateHosts.Select(HostOf).Contains(host, StringComparer.Ordinal)
            ? new UrlParts("https", null, PlaceholderFor(host), parts.Rest).ToString()
            : (parts with { UserInfo = null }).ToString();
    }

    /// <summary>Whether <paramref name="url"/> names a placeholder host that <see cref="Restore"/> must resolve.</summary>
    public static bool HasPlaceholder(string url) => UrlParts.TryParse(url) is { } parts && IsPlaceholder(parts.Host);

    /// <summary>
    /// Puts the real scheme, host and port back into a URL whose host is a placeholder, from the configured index
    /// URL with that host (without its user info); any other URL is returned unchanged.
    /// </summary>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.LockFileInvalid"/> when no configured index has the host.</exception>
    public static string Restore(string url, IEnumerable<string> indexUrls)
    {
        if (UrlParts.TryParse(url) is not { } parts || !IsPlaceholder(parts.Host))
        {
            return url;
        }

        var index = indexUrls.Select(UrlParts.TryParse).FirstOrDefault(i => i is not null && PlaceholderFor(i.Host) == parts.Host)
            ?? throw new M1EnvException(
                ErrorCodes.LockFileInvalid,
                $"The lock file names a private host ({parts.Host}) that no configured package index has. " +
                "Configure the private index (M1EnvPipIndexUrl or M1EnvPipExtraIndexUrls) on this machine.");
        return new UrlParts(index.Scheme, null, index.HostAndPort, parts.Rest).ToString();
    }

    private static bool IsPlaceholder(string host) =>
        host.StartsWith(PlaceholderPrefix, StringComparison.Ordinal) && host.EndsWith(PlaceholderSuffix, StringComparison.Ordinal);

    private static string HostOf(string entry)
    {
        var trimmed = entry.Trim();
        return UrlParts.TryParse(trimmed) is { } parts ? parts.Host : new UrlParts("x", null, trimmed.TrimEnd('/'), string.Empty).Host;
    }
}
