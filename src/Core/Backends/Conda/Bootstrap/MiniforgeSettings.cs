using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Downloads;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Core.Backends.Conda.Bootstrap;

/// <summary>Where and which Miniforge M1Env installs when no conda is found and bootstrapping is allowed.</summary>
/// <param name="ToolsDirectory">M1Env's tools folder: Miniforge goes to <c>&lt;ToolsDirectory&gt;/miniforge3</c>, its lock to <c>locks/</c>.</param>
public sealed partial record MiniforgeSettings(string ToolsDirectory)
{
    /// <summary>The Miniforge release installed unless <see cref="Version"/> says otherwise.</summary>
    public const string DefaultVersion = "26.7.2-0";

    /// <summary>Where conda-forge publishes each release's installers, each with a <c>.sha256</c> file beside it.</summary>
    public const string GitHubReleasesUrl = "https://github.com/conda-forge/miniforge/releases/download/";

    public static readonly TimeSpan DefaultLockTimeout = M1EnvSettings.DefaultLockTimeout;

    /// <summary>A Miniforge release tag, such as <c>26.7.2-0</c>.</summary>
    public string Version { get; init; } = DefaultVersion;

    /// <summary>
    /// A folder URL that serves the release's files under their own names, replacing
    /// <c>https://github.com/conda-forge/miniforge/releases/download/&lt;Version&gt;/</c>. It may
    /// carry credentials (<c>https://user:token@host/...</c>); they are sent as basic authentication
    /// and never logged.
    /// </summary>
    public string? MirrorUrl { get; init; }

    /// <summary>The installer's expected SHA-256 (hex); when null, the one M1Env pins for the installer (<see cref="MiniforgePinnedSha256"/>), else the <c>.sha256</c> file beside it.</summary>
    public string? Sha256 { get; init; }

    /// <summary>How long to wait for another build that is installing Miniforge into the same folder.</summary>
    public TimeSpan LockTimeout { get; init; } = DefaultLockTimeout;

    public string InstallDirectory => new MiniforgeInstallation(ToolsDirectory).InstallDirectory;

    /// <summary>The URL of the folder holding the installers, ending with a slash.</summary>
    public Uri ReleaseFolderUrl
    {
        get
        {
            var url = MirrorUrl ?? GitHubReleasesUrl + Version + "/";
            return new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
        }
    }

    /// <summary>Throws <see cref="ErrorCodes.InvalidSetting"/> for a value that cannot be used, before anything is downloaded.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ToolsDirectory))
        {
            throw Invalid("The tools folder for Miniforge is empty.");
        }

        if (!VersionPattern().IsMatch(Version))
        {
            throw Invalid($"The Miniforge version '{InputQuote.Shorten(Version)}' is not a release tag such as {DefaultVersion}.");
        }

        if (MirrorUrl is not null
            && (!Uri.TryCreate(MirrorUrl, UriKind.Absolute, out var mirror) || (mirror.Scheme != Uri.UriSchemeHttps && mirror.Scheme != Uri.UriSchemeHttp)))
        {
            throw Invalid($"The Miniforge mirror URL '{UrlRedactor.Redact(InputQuote.Shorten(MirrorUrl))}' is not an absolute http(s) URL.");
        }

        if (Sha256 is not null && !Sha256Hex.IsValid(Sha256))
        {
            throw Invalid($"The expected Miniforge SHA-256 '{InputQuote.Shorten(Sha256)}' is not 64 hexadecimal digits.");
        }

        if (LockTimeout <= TimeSpan.Zero)
        {
            throw Invalid("The Miniforge lock timeout must be positive.");
        }
    }

    /// <summary>Only the settings themselves, the mirror's credentials replaced by <c>****</c>: a record's text ends up in logs.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ToolsDirectory = {ToolsDirectory}, Version = {Version}, ");
        builder.Append(CultureInfo.InvariantCulture, $"MirrorUrl = {(MirrorUrl is null ? null : UrlRedactor.Redact(MirrorUrl))}, Sha256 = {Sha256}, LockTimeout = {LockTimeout}");
        return true;
    }

    private static M1EnvException Invalid(string message) => new(ErrorCodes.InvalidSetting, message);

    [GeneratedRegex(@"^[0-9][0-9A-Za-z._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
