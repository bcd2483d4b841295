using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Downloads;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.State;

namespace M1Env.Core.Backends.Conda.Bootstrap;

/// <summary>
/// Installs Miniforge into M1Env's tools folder when no conda is found and bootstrapping is
/// allowed: downloads the installer for this machine, checks its SHA-256, runs it unattended, and
/// returns its conda. Builds that bootstrap at the same time take turns; the later ones find the
/// install done and download nothing.
/// </summary>
/// <remarks>
/// Miniforge is installed straight into <c>&lt;tools&gt;/miniforge3</c> (conda installers write
/// their prefix into the files they install, so an install cannot be renamed into place); a marker
/// file present while it installs tells a half install from a whole one. See <see cref="FindInstalled"/>.
/// </remarks>
/// <param name="handler">The HTTP stack to download with; null for the default one (system proxy, redirects followed). The caller keeps ownership.</param>
public sealed class MiniforgeBootstrapper(ProcessRunner runner, IProvisionLog log, HttpMessageHandler? handler = null)
{
    /// <summary>
    /// The conda executable of a complete Miniforge install in <paramref name="toolsDirectory"/>, or
    /// null: nothing installed, or an install that was interrupted or failed (its marker file
    /// <c>miniforge3.installing</c> is still there). Starts no process and touches no network.
    /// </summary>
    public static string? FindInstalled(string toolsDirectory) => new MiniforgeInstallation(toolsDirectory).CompleteCondaExecutable;

    /// <summary>Installs Miniforge unless a complete install is there already.</summary>
    /// <returns>The full path of its conda executable.</returns>
    /// <exception cref="M1EnvException">
    /// <see cref="ErrorCodes.MiniforgeDownloadFailed"/>, <see cref="ErrorCodes.MiniforgeHashMismatch"/>,
    /// <see cref="ErrorCodes.MiniforgeInstallFailed"/>, <see cref="ErrorCodes.CondaNotFound"/> (no installer for this machine),
    /// <see cref="ErrorCodes.InvalidSetting"/>, <see cref="ErrorCodes.PrefixBusy"/> (another build held the lock too long).
    /// </exception>
    public async Task<string> EnsureInstalledAsync(MiniforgeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var installation = new MiniforgeInstallation(settings.ToolsDirectory);
        if (installation.CompleteCondaExecutable is { } installed)
        {
            return installed;
        }

        var release = new MiniforgeRelease(settings, MiniforgeAsset.ForCurrentMachine());
        RefusePathWithSpaces(installation);
        Directory.CreateDirectory(installation.ToolsDirectory);
        using var installLock = await PrefixLock.AcquireAsync(
            installation.LocksDirectory, installation.InstallDirectory, settings.LockTimeout, log, cancellationToken).ConfigureAwait(false);

        // Another build may have installed it while this one waited for the lock.
        if (installation.CompleteCondaExecutable is { } installedMeanwhile)
        {
            return installedMeanwhile;
        }

        installation.RemoveLeftovers(log);
        var downloadFolder = installation.CreateDownloadFolder();
        try
        {
            var installer = await DownloadVerifiedAsync(release, downloadFolder, cancellationToken).ConfigureAwait(false);
            log.Step($"Installing Miniforge into {installation.InstallDirectory}...");
            return await new MiniforgeInstaller(runner).InstallAsync(installer, release.Asset, installation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DeleteBestEffort(downloadFolder);
        }
    }

    private async Task<string> DownloadVerifiedAsync(MiniforgeRelease release, string downloadFolder, CancellationToken cancellationToken)
    {
        using var http = FileDownloader.CreateClient(handler);
        var downloader = new FileDownloader(http, log, "the Miniforge installer", release.DownloadFailed);

        // The small checksum file first: a mirror without it fails before the large download.
        var (expected, expectedFrom) = release.Settings.Sha256 is { } configured
            ? (configured.ToLowerInvariant(), "the configured SHA-256")
            : MiniforgePinnedSha256.Of(release.FileName) is { } pinned
                ? (pinned, "the SHA-256 M1Env pins for this installer")
                : (await downloader.ReadPublishedSha256Async(release.ChecksumUrl, cancellationToken).ConfigureAwait(false), MiniforgeRelease.Display(release.ChecksumUrl));

        log.Step($"Downloading Miniforge3 {release.Version} ({release.Asset.Platform}) from {MiniforgeRelease.Display(release.InstallerUrl)}...");
        var installer = Path.Combine(downloadFolder, release.FileName);
        var actual = await downloader.DownloadAsync(release.InstallerUrl, installer, cancellationToken).ConfigureAwait(false);

        log.Step("Checking its SHA-256...");
        if (!Sha256Hex.AreEqual(expected, actual))
        {
            throw new M1EnvException(
                ErrorCodes.MiniforgeHashMismatch,
                $"The Miniforge installer downloaded from {MiniforgeRelease.Display(release.InstallerUrl)} has SHA-256 {actual}, "
                + $"but {expected} was expected (from {expectedFrom}). It was deleted and nothing was installed. "
                + "The download may have been corrupted or tampered with, or a mirror (M1EnvMiniforgeUrl) serves another file than conda-forge's; "
                + "build again, and if it persists, check the mirror or the expected SHA-256.");
        }

        return installer;
    }

    /// <summary>
    /// conda installers refuse a prefix with spaces (bash: "Cannot install into directories with
    /// spaces"; NSIS cannot take a quoted /D=), so say so before downloading 80 MB for nothing.
    /// </summary>
    private static void RefusePathWithSpaces(MiniforgeInstallation installation)
    {
        if (installation.InstallDirectory.Contains(' ', StringComparison.Ordinal))
        {
            throw new M1EnvException(
                ErrorCodes.MiniforgeInstallFailed,
                $"No conda was found, and Miniforge cannot be installed into {installation.InstallDirectory}: its installer refuses folders whose path has spaces. "
                + "Move M1Env's tools folder to a path without spaces, or install Miniforge yourself (https://github.com/conda-forge/miniforge) into such a path and set M1EnvCondaExe to its conda.");
        }
    }

    private static void DeleteBestEffort(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A download folder left behind is removed under the lock by the next install.
        }
    }
}
