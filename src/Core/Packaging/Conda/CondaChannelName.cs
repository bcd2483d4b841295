using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// Turns the many ways conda and micromamba write a channel (a name, a channel URL, a URL with the
/// subdir, a package URL) into one readable form, so the same channel compares equal whichever
/// tool wrote it.
/// </summary>
/// <remarks>
/// Channels on anaconda.org become their name (<c>conda-forge</c>), Anaconda's default channels
/// their <c>pkgs/...</c> name, other URLs stay URLs without the subdir or file. Credentials are
/// removed: the user name and password, and an anaconda.org token (<c>/t/&lt;token&gt;/</c>).
/// </remarks>
public static partial class CondaChannelName
{
    [GeneratedRegex(@"/t/[^/]+(?=/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <returns>The readable channel, or null when <paramref name="channel"/> is empty.</returns>
    public static string? Normalize(string? channel)
    {
        var text = channel?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            // "conda-forge", "pkgs/main", or one with its subdir: "conda-forge/osx-arm64".
            text = text.TrimEnd('/');
            return WithoutSubdir(text);
        }

        var url = Token().Replace(UrlRedactor.Redact(text), "/t/<TOKEN>").TrimEnd('/');
        if (IsPackageFile(LastSegment(url)))
        {
            url = url[..url.LastIndexOf('/')];
        }

        url = WithoutSubdir(url);
        var (host, path) = HostAndPath(url);
        if (path.StartsWith("t/<TOKEN>/", StringComparison.Ordinal))
        {
            path = path["t/<TOKEN>/".Length..];
        }

        return host switch
        {
            "conda.anaconda.org" when path.Length > 0 => path,
            "repo.anaconda.com" when path.StartsWith("pkgs/", StringComparison.Ordinal) => path,
            _ => url,
        };
    }

    /// <summary>The subdir a channel or package URL ends with (<c>.../conda-forge/osx-arm64</c>), or null.</summary>
    public static string? SubdirOf(string? channelOrUrl)
    {
        var text = channelOrUrl?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (IsPackageFile(LastSegment(text)))
        {
            text = text[..Math.Max(0, text.LastIndexOf('/'))];
        }

        var last = LastSegment(text);
        return CondaSubdirs.IsSubdir(last) ? last : null;
    }

    /// <summary>The host (no credentials, no port) and the path (no slashes around it) of an http(s) URL; empty for others.</summary>
    private static (string Host, string Path) HostAndPath(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (!url[..scheme].Equals("https", StringComparison.OrdinalIgnoreCase) && !url[..scheme].Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            return (string.Empty, string.Empty);
        }

        var rest = url[(scheme + 3)..];
        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        host = host.IndexOf(':') is var colon and >= 0 ? host[..colon] : host;
        return (host.ToLowerInvariant(), slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/'));
    }

    private static string WithoutSubdir(string text) =>
        text.LastIndexOf('/') is var slash and > 0 && CondaSubdirs.IsSubdir(text[(slash + 1)..]) ? text[..slash] : text;

    private static string LastSegment(string text) => text[(text.LastIndexOf('/') + 1)..];

    private static bool IsPackageFile(string segment) =>
        segment.EndsWith(".conda", StringComparison.Ordinal) || segment.EndsWith(".tar.bz2", StringComparison.Ordinal);
}
