namespace M1Env.Core.Python.Managed;

/// <summary>Where an archive comes from: an http(s) URL to download, or a local file (a path or a <c>file:</c> URL) to copy.</summary>
internal sealed record ArchiveSource(Uri? Url, string? LocalPath)
{
    public string FileName => Uri.UnescapeDataString(Path.GetFileName(Url?.AbsolutePath ?? LocalPath!));

    public static ArchiveSource? Parse(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            {
                return uri.AbsolutePath.EndsWith('/') ? null : new ArchiveSource(uri, null);
            }

            return uri.IsFile ? new ArchiveSource(null, uri.LocalPath) : null;
        }

        return text.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
            ? new ArchiveSource(null, Path.GetFullPath(text))
            : null;
    }

    /// <summary>The file <paramref name="fileName"/> in the mirror folder <paramref name="mirror"/>.</summary>
    public static ArchiveSource InMirror(string mirror, string fileName)
    {
        var folder = new Uri(mirror.EndsWith('/') ? mirror : mirror + "/", UriKind.Absolute);
        var url = new Uri(folder, Uri.EscapeDataString(fileName));
        return url.IsFile ? new ArchiveSource(null, url.LocalPath) : new ArchiveSource(url, null);
    }

    public override string ToString() => Url?.ToString() ?? LocalPath!;
}
