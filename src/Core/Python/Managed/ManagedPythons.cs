using System.Globalization;
using System.Security.Cryptography;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Downloads;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging;
using M1Env.Core.State;

namespace M1Env.Core.Python.Managed;

/// <summary>
/// Installs managed CPython builds into M1Env's tools folder, with the Miniforge bootstrap's
/// guarantees: the archive's SHA-256 is checked before anything is unpacked; it is unpacked beside
/// its place and renamed into it, so a killed install is never taken for a whole one; builds that
/// install the same one at once take turns, and the later ones download nothing.
/// </summary>
/// <param name="handler">The HTTP stack to download with; null for the default one. The caller keeps ownership.</param>
/// <param name="builds">The pinned builds (tests pass their own); null for <see cref="ManagedPythonCatalog.Builds"/>.</param>
public sealed class ManagedPythons(ProcessRunner runner, IProvisionLog log, HttpMessageHandler? handler = null, IReadOnlyList<ManagedPythonBuild>? builds = null)
{
    private static readonly TimeSpan VersionProbeTimeout = TimeSpan.FromMinutes(1);

    /// <summary>This machine's platform as managed builds name it (arm64 on Apple Silicon, also under Rosetta); null where M1Env has none.</summary>
    public static string? CurrentPlatform => LockPlatform.Current?.Name;

    /// <summary>The whole managed builds in <paramref name="toolsDirectory"/>, newest first. Starts no process.</summary>
    public static IReadOnlyList<ManagedPython> FindInstalled(string toolsDirectory) =>
        ManagedPythonLayout.Installed(toolsDirectory).Select(i => i.Python).ToArray();

    /// <summary>
    /// The installed managed builds that <paramref name="settings"/> allow: with M1EnvPythonArchive only
    /// the build it names, else every pinned-style build of this machine's platform. Starts no process.
    /// </summary>
    public static IReadOnlyList<ManagedPython> Usable(ManagedPythonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var prefix = settings.ArchiveSha256?[..12].ToLowerInvariant();
        return ManagedPythonLayout.Installed(settings.ToolsDirectory)
            .Where(i => i.Python.Platform == CurrentPlatform && i.HashPrefix == prefix)
            .Select(i => i.Python)
            .ToArray();
    }

    /// <summary>The pinned build M1Env would install for <paramref name="request"/> on this machine, or null.</summary>
    public ManagedPythonBuild? PinnedBuild(PythonRequest request) =>
        CurrentPlatform is { } platform ? ManagedPythonCatalog.Newest(request, platform, builds) : null;

    /// <summary>A whole installed build for <paramref name="request"/>, or one installed now.</summary>
    /// <returns>The build, and whether this call installed it.</returns>
    /// <exception cref="M1EnvException">
    /// <see cref="ErrorCodes.ManagedPythonUnavailable"/> (no build for this request and machine, or downloads are off),
    /// <see cref="ErrorCodes.ManagedPythonDownloadFailed"/>, <see cref="ErrorCodes.ManagedPythonHashMismatch"/>,
    /// <see cref="ErrorCodes.ManagedPythonInstallFailed"/>, <see cref="ErrorCodes.InvalidSetting"/>, <see cref="ErrorCodes.PrefixBusy"/>.
    /// </exception>
    public async Task<(ManagedPython Python, bool Installed)> EnsureAsync(PythonRequest request, ManagedPythonSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var platform = CurrentPlatform
            ?? throw new M1EnvException(ErrorCodes.ManagedPythonUnavailable, $"There are no managed CPython builds for this machine ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}); install CPython {request} yourself.");
        if (Fitting(request, settings) is { } installed)
        {
            return (installed, false);
        }

        var (source, expected, name, key) = Choose(request, settings, platform);
        if (settings.Downloads == PythonDownloads.Never)
        {
            throw new M1EnvException(
                ErrorCodes.ManagedPythonUnavailable,
                $"No managed CPython {request} is installed in {settings.InstallRoot}, and M1EnvPythonDownloads is never, so none is downloaded. "
                + $"Set M1EnvPythonDownloads to automatic, or install CPython {request} on this machine. {HandInstallAdvice(request)}");
        }

        var root = settings.InstallRoot;
        Directory.CreateDirectory(root);
        using var installLock = await PrefixLock.AcquireAsync(
            Path.Combine(settings.ToolsDirectory, "locks"), Path.Combine(root, settings.ArchiveUrl is null ? key : source.FileName), settings.LockTimeout, log, cancellationToken).ConfigureAwait(false);
        if (Fitting(request, settings) is { } installedMeanwhile)
        {
            return (installedMeanwhile, false);
        }

        RemoveLeftovers(root, key);
        var work = Path.Combine(root, $".{key}.{Guid.NewGuid():N}");
        try
        {
            var archive = Path.Combine(work, source.FileName);
            Directory.CreateDirectory(work);
            await FetchVerifiedAsync(source, archive, expected, name, settings, request, cancellationToken).ConfigureAwait(false);
            var unpacked = Path.Combine(work, "python");
            log.Step($"Unpacking {name}...");
            InstallOnlyArchive.Unpack(archive, unpacked, platform);
            var version = await VersionOfAsync(ManagedPythonLayout.Executable(unpacked, platform), name, cancellationToken).ConfigureAwait(false);
            if (!request.IsSatisfiedBy(version))
            {
                throw new M1EnvException(
                    ErrorCodes.ManagedPythonUnavailable,
                    $"M1EnvPythonArchive holds CPython {version}, but CPython {request} is asked for. Nothing was installed; name an archive of CPython {request}, or change Python=\"...\".");
            }

            var home = Path.Combine(root, ManagedPythonLayout.FolderName(version, platform, settings.ArchiveSha256));
            MoveIntoPlace(unpacked, home);
            return (new ManagedPython(home, version, platform), true);
        }
        finally
        {
            DeleteBestEffort(work);
        }
    }

    private ManagedPython? Fitting(PythonRequest request, ManagedPythonSettings settings) =>
        Usable(settings).FirstOrDefault(p => request.IsSatisfiedBy(p.Version));

    private (ArchiveSource Source, string Sha256, string Name, string LockKey) Choose(PythonRequest request, ManagedPythonSettings settings, string platform)
    {
        if (settings.ArchiveUrl is { } archive)
        {
            var named = ArchiveSource.Parse(archive)!;
            return (named, settings.ArchiveSha256!.ToLowerInvariant(), $"the CPython archive {named.FileName}", "archive-" + settings.ArchiveSha256![..12].ToLowerInvariant());
        }

        var build = ManagedPythonCatalog.Newest(request, platform, builds)
            ?? throw new M1EnvException(
                ErrorCodes.ManagedPythonUnavailable,
                $"M1Env pins no managed CPython {request} for {platform} (it has {ManagedPythonCatalog.KnownMinorVersions(platform, builds)}). "
                + $"Install CPython {request} on this machine, or name a python-build-standalone archive with M1EnvPythonArchive and M1EnvPythonSha256. {HandInstallAdvice(request)}");
        var source = settings.MirrorUrl is { } mirror ? ArchiveSource.InMirror(mirror, build.FileName) : new ArchiveSource(new Uri(build.Url), null);
        return (source, build.Sha256, $"the managed CPython {build.Version} ({platform})", ManagedPythonLayout.FolderName(build.Version, platform));
    }

    private async Task FetchVerifiedAsync(ArchiveSource source, string archive, string expected, string name, ManagedPythonSettings settings, PythonRequest request, CancellationToken cancellationToken)
    {
        string actual;
        if (source.Url is { } url)
        {
            log.Step($"Downloading {name} from {UrlRedactor.Redact(url.ToString())}...");
            using var http = FileDownloader.CreateClient(handler);
            actual = await new FileDownloader(http, log, name, (u, reason, inner) => DownloadFailed(u.ToString(), reason, settings, request, inner))
                .DownloadAsync(url, archive, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            log.Step($"Copying {name} from {source.LocalPath}...");
            actual = await CopyHashingAsync(source.LocalPath!, archive, settings, request, cancellationToken).ConfigureAwait(false);
        }

        log.Step("Checking its SHA-256...");
        if (!Sha256Hex.AreEqual(expected, actual))
        {
            throw new M1EnvException(
                ErrorCodes.ManagedPythonHashMismatch,
                $"{source.FileName} from {UrlRedactor.Redact(source.ToString())} has SHA-256 {actual}, but {expected} was expected "
                + $"({(settings.ArchiveSha256 is null ? "the SHA-256 M1Env pins for this build" : "M1EnvPythonSha256")}). It was deleted and nothing was installed. "
                + "The download may have been corrupted or tampered with, or a mirror (M1EnvPythonMirror) serves another file under this name; build again, and if it persists, check the mirror.");
        }
    }

    private static async Task<string> CopyHashingAsync(string path, string destination, ManagedPythonSettings settings, PythonRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using (source.ConfigureAwait(false))
            {
                var target = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (target.ConfigureAwait(false))
                {
                    await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                }
            }

            var file = File.OpenRead(destination);
            await using (file.ConfigureAwait(false))
            {
                return Convert.ToHexString(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw DownloadFailed(path, exception.Message, settings, request, exception);
        }
    }

    /// <summary>The version the unpacked interpreter reports: the one truth for a named archive, and a check that the build runs here.</summary>
    private async Task<Version> VersionOfAsync(string executable, string name, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(
            executable, ["-I", "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], streamToLog: false, cancellationToken, VersionProbeTimeout).ConfigureAwait(false);
        if (result.Succeeded && Version.TryParse(result.StandardOutput.Trim(), out var version))
        {
            return version;
        }

        throw new M1EnvException(
            ErrorCodes.ManagedPythonInstallFailed,
            $"The interpreter of {name} does not run on this machine (exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}); nothing was installed.",
            result.Transcript);
    }

    private static void MoveIntoPlace(string unpacked, string home)
    {
        try
        {
            Directory.Move(unpacked, home);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new M1EnvException(ErrorCodes.ManagedPythonInstallFailed, $"Could not move the unpacked CPython into {home}: {exception.Message}. Nothing was installed.", inner: exception);
        }
    }

    /// <summary>What an install of the same build that was killed left: its work folders (only that build's, whose lock this process holds).</summary>
    private void RemoveLeftovers(string root, string key)
    {
        foreach (var leftover in Directory.EnumerateDirectories(root, $".{key}.*"))
        {
            log.Detail($"Removing {leftover}, left by an install that did not finish.");
            DeleteBestEffort(leftover);
        }
    }

    private static M1EnvException DownloadFailed(string from, string reason, ManagedPythonSettings settings, PythonRequest request, Exception? inner) =>
        new(ErrorCodes.ManagedPythonDownloadFailed,
            $"M1Env could not get a managed CPython: {UrlRedactor.Redact(from)}: {UrlRedactor.Redact(reason)}. Nothing was installed. "
            + (settings.ArchiveUrl is null
                ? "Set M1EnvPythonMirror to a folder that serves python-build-standalone's archives under their own names, or install a CPython of the declared version on this machine. "
                : "Check M1EnvPythonArchive, or install a CPython of the declared version on this machine. ")
            + HandInstallAdvice(request),
            inner: inner);

    private static string HandInstallAdvice(PythonRequest request)
    {
        var version = request.Minor is null ? "3.X" : $"{request.Major}.{request.Minor}";
        return OperatingSystem.IsMacOS() ? $"On a Mac: 'brew install python@{version}', or the python.org installer."
            : OperatingSystem.IsWindows() ? $"On Windows: the python.org installer, or 'winget install Python.Python.{version}'."
            : $"On Linux: your distribution's python{version} and python{version}-venv packages, or 'pyenv install {version}'.";
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
            // A work folder left behind is removed under the lock by the next install of the same build.
        }
    }
}
