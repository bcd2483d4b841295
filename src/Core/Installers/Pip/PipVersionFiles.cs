using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Versions;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// The platforms whose wheels one version of a package publishes, read from the sources pip uses
/// (each index's PEP 503 page of the package, each find-links folder or page), to explain a version
/// pip cannot install here. Best effort: a source that cannot be read counts as holding nothing.
/// </summary>
internal static partial class PipVersionFiles
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [GeneratedRegex(@"href\s*=\s*[""'](?<href>[^""'#?]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    /// <summary>
    /// The platforms the version's wheels are for, in table order; null when no file of that version
    /// was found, or one installs anywhere (an sdist, a pure-Python wheel).
    /// </summary>
    public static async Task<IReadOnlyList<LockPlatform>?> PlatformsAsync(PackageSourceSettings sources, string name, string version, CancellationToken cancellationToken)
    {
        if (!Pep440Version.TryParse(version, out var wanted))
        {
            return null;
        }

        var files = new List<string>();
        foreach (var source in Sources(sources, PackageNames.Normalize(name)))
        {
            files.AddRange(await FileNamesAsync(source, cancellationToken).ConfigureAwait(false));
        }

        var ofVersion = files.Distinct(StringComparer.Ordinal).Where(f => IsOf(f, name, wanted)).ToArray();
        if (ofVersion.Length == 0 || ofVersion.Any(f => !f.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var platforms = ofVersion
            .SelectMany(WheelTags.Of)
            .SelectMany(tag => LockPlatform.OfWheelPlatformTag(tag[(tag.LastIndexOf('-') + 1)..]))
            .ToHashSet();
        return platforms.Count == LockPlatform.All.Count ? null : LockPlatform.All.Where(platforms.Contains).ToArray();
    }

    /// <summary>A file name of <paramref name="name"/> at <paramref name="version"/>: <c>NAME-VERSION-...whl</c>, <c>NAME-VERSION.tar.gz</c>, <c>NAME-VERSION.zip</c>.</summary>
    internal static bool IsOf(string fileName, string name, Pep440Version version)
    {
        var stem = fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) ? fileName[..^4]
            : fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) ? fileName[..^7]
            : fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? fileName[..^4]
            : null;
        if (stem is null)
        {
            return false;
        }

        // A wheel's name and version have no '-'; an sdist's name may, so its version is what follows the last one.
        var isWheel = fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase);
        var parts = stem.Split('-');
        var (fileDist, fileVersion) = isWheel
            ? (parts[0], parts.Length > 1 ? parts[1] : string.Empty)
            : (string.Join('-', parts[..^1]), parts[^1]);
        return PackageNames.Normalize(fileDist) == PackageNames.Normalize(name)
            && Pep440Version.TryParse(fileVersion, out var found) && found.Equals(version);
    }

    private static IEnumerable<string> Sources(PackageSourceSettings sources, string normalizedName)
    {
        if (!sources.Offline)
        {
            foreach (var index in new[] { sources.IndexUrl ?? "https://pypi.org/simple" }.Concat(sources.ExtraIndexUrls))
            {
                yield return $"{index.TrimEnd('/')}/{normalizedName}/";
            }
        }

        foreach (var link in sources.FindLinks)
        {
            yield return link;
        }
    }

    private static async Task<IReadOnlyList<string>> FileNamesAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.IsFile)
            {
                var folder = uri?.LocalPath ?? source;
                return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Select(f => Path.GetFileName(f)).ToArray() : [];
            }

            if (uri.Scheme is not ("http" or "https"))
            {
                return [];
            }

            using var client = new HttpClient { Timeout = Timeout };
            using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri);
            if (uri.UserInfo.Length > 0)
            {
                // As pip does with user:password@ in an index URL.
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
            }

            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            var page = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return Href().Matches(page).Select(m => Uri.UnescapeDataString(m.Groups["href"].Value.TrimEnd('/').Split('/')[^1])).ToArray();
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The source's time ran out.
            return [];
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or UnauthorizedAccessException or UriFormatException)
        {
            return [];
        }
    }
}
