using System.Globalization;
using System.Text;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Downloads;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Python.Managed;

/// <summary>
/// Where managed CPython builds live and which may be installed: M1EnvPythonPreference,
/// M1EnvPythonDownloads, M1EnvPythonMirror, M1EnvPythonArchive and M1EnvPythonSha256.
/// </summary>
/// <param name="ToolsDirectory">M1Env's tools folder: builds go to <c>&lt;ToolsDirectory&gt;/python/</c>, their locks to <c>locks/</c>.</param>
public sealed record ManagedPythonSettings(string ToolsDirectory)
{
    public PythonPreference Preference { get; init; } = PythonPreference.System;

    public PythonDownloads Downloads { get; init; } = PythonDownloads.Automatic;

    /// <summary>A folder URL serving the pinned archives under their own names, replacing each build's release folder; may carry credentials, never logged.</summary>
    public string? MirrorUrl { get; init; }

    /// <summary>One archive, by URL (http, https, file) or path, installed instead of a pinned build; its version is read from its interpreter.</summary>
    public string? ArchiveUrl { get; init; }

    /// <summary>The SHA-256 <see cref="ArchiveUrl"/> must have.</summary>
    public string? ArchiveSha256 { get; init; }

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The settings of a project, from the properties as written; an unknown word is <see cref="ErrorCodes.InvalidSetting"/>.</summary>
    public static ManagedPythonSettings FromText(string toolsDirectory, string? preference, string? downloads, string? mirror, string? archive, string? sha256, TimeSpan lockTimeout) =>
        new(toolsDirectory)
        {
            Preference = ParsePreference(preference),
            Downloads = ParseDownloads(downloads),
            MirrorUrl = Empty(mirror),
            ArchiveUrl = Empty(archive),
            ArchiveSha256 = Empty(sha256),
            LockTimeout = lockTimeout,
        };

    public string InstallRoot => ManagedPythonLayout.Root(ToolsDirectory);

    /// <summary>Throws <see cref="ErrorCodes.InvalidSetting"/> for a value that cannot be used, before anything is downloaded.</summary>
    public void Validate()
    {
        if (MirrorUrl is not null && !IsFolderUrl(MirrorUrl))
        {
            throw Invalid($"M1EnvPythonMirror '{UrlRedactor.Redact(InputQuote.Shorten(MirrorUrl))}' is not an absolute http(s) or file URL of a folder.");
        }

        if (ArchiveUrl is not null && ArchiveSha256 is null)
        {
            throw Invalid("M1EnvPythonArchive names a CPython archive, but M1EnvPythonSha256 is not set: an archive M1Env installs must be named with its SHA-256.");
        }

        if (ArchiveSha256 is not null && ArchiveUrl is null)
        {
            throw Invalid("M1EnvPythonSha256 is set without M1EnvPythonArchive: it is the SHA-256 of that archive; set both, or neither for M1Env's pinned builds.");
        }

        if (ArchiveSha256 is not null && !Sha256Hex.IsValid(ArchiveSha256))
        {
            throw Invalid($"M1EnvPythonSha256 '{InputQuote.Shorten(ArchiveSha256)}' is not 64 hexadecimal digits.");
        }

        if (ArchiveUrl is not null && ArchiveSource.Parse(ArchiveUrl) is null)
        {
            throw Invalid($"M1EnvPythonArchive '{UrlRedactor.Redact(InputQuote.Shorten(ArchiveUrl))}' is neither an http(s) or file URL nor a path to a .tar.gz file.");
        }
    }

    private static PythonPreference ParsePreference(string? text) => Empty(text)?.ToLowerInvariant() switch
    {
        null or "system" => PythonPreference.System,
        "managed" => PythonPreference.Managed,
        "only-managed" => PythonPreference.OnlyManaged,
        _ => throw Invalid($"M1EnvPythonPreference '{InputQuote.Shorten(text!)}' is not one of system, managed, only-managed."),
    };

    private static PythonDownloads ParseDownloads(string? text) => Empty(text)?.ToLowerInvariant() switch
    {
        null or "automatic" => PythonDownloads.Automatic,
        "never" => PythonDownloads.Never,
        _ => throw Invalid($"M1EnvPythonDownloads '{InputQuote.Shorten(text!)}' is not one of automatic, never."),
    };

    private static bool IsFolderUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.IsFile);

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static M1EnvException Invalid(string message) => new(ErrorCodes.InvalidSetting, message);

    /// <summary>Only the settings themselves, credentials replaced by <c>****</c>: a record's text ends up in logs.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ToolsDirectory = {ToolsDirectory}, Preference = {Preference}, Downloads = {Downloads}, ");
        builder.Append(CultureInfo.InvariantCulture, $"MirrorUrl = {(MirrorUrl is null ? null : UrlRedactor.Redact(MirrorUrl))}, ArchiveUrl = {(ArchiveUrl is null ? null : UrlRedactor.Redact(ArchiveUrl))}, ");
        builder.Append(CultureInfo.InvariantCulture, $"ArchiveSha256 = {ArchiveSha256}, LockTimeout = {LockTimeout}");
        return true;
    }
}
