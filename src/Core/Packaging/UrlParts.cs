namespace M1Env.Core.Packaging;

/// <summary>
/// A URL cut into scheme, user info, host (with port) and the rest, by hand rather than with <see cref="Uri"/>,
/// whose round trip re-escapes paths: a lock file must keep each file URL exactly as the index gave it.
/// </summary>
internal sealed record UrlParts(string Scheme, string? UserInfo, string HostAndPort, string Rest)
{
    /// <summary>The host without port, lowercase (IPv6 literals keep their brackets).</summary>
    public string Host
    {
        get
        {
            var colon = HostAndPort.LastIndexOf(':');
            var host = colon > HostAndPort.LastIndexOf(']') ? HostAndPort[..colon] : HostAndPort;
            return host.ToLowerInvariant();
        }
    }

    public static UrlParts? TryParse(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return null;
        }

        var authorityStart = separator + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        return new UrlParts(
            url[..separator],
            at < 0 ? null : authority[..at],
            at < 0 ? authority : authority[(at + 1)..],
            url[authorityEnd..]);
    }

    public override string ToString() =>
        UserInfo is null ? $"{Scheme}://{HostAndPort}{Rest}" : $"{Scheme}://{UserInfo}@{HostAndPort}{Rest}";
}
