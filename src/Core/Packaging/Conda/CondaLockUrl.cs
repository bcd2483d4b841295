using System.Text.RegularExpressions;

namespace M1Env.Core.Packaging.Conda;

/// <summary>Takes credentials out of a channel or package URL before it is written into a lock file.</summary>
public static partial class CondaLockUrl
{
    [GeneratedRegex(@"^(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"/t/[^/]+(?=/)", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <summary>
    /// The URL without its <c>user:password@</c> and, in a remote URL, without an anaconda.org token segment (<c>/t/&lt;token&gt;/</c>; a local path may hold a folder named t);
    /// what the lock says must be the same on every machine, and a secret never belongs in a committed file.
    /// The credentials come back at install time from the user's conda settings (<c>.condarc</c>, <c>conda token</c>).
    /// </summary>
    public static string WithoutCredentials(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = UserInfo().Replace(url.Trim(), "${scheme}");
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0 || text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var pathStart = text.IndexOf('/', schemeEnd + 3);
        return pathStart < 0 ? text : text[..pathStart] + Token().Replace(text[pathStart..], string.Empty);
    }

    /// <summary>The URL holds a user, a password or a token.</summary>
    public static bool HasCredentials(string url) => WithoutCredentials(url) != url.Trim();
}
