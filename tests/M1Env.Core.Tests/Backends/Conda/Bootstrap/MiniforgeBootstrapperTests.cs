using System.Text;
using M1Env.Core.Backends.Conda.Bootstrap;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Testing;

namespace M1Env.Core.Tests.Backends.Conda.Bootstrap;

/// <summary>
/// The whole bootstrap against a loopback mirror serving a real (small) bash installer that
/// behaves like Miniforge's.
/// </summary>
public sealed class MiniforgeBootstrapperTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-miniforge");
    private readonly MiniforgeMirror mirror = new();
    private readonly RecordingProvisionLog log = new();

    private string Tools => temp.Combine("tools");

    private string InstallDirectory => Path.Combine(Tools, "miniforge3");

    private string Marker => InstallDirectory + ".installing";

    private string ExpectedConda => Path.Combine(InstallDirectory, "bin", "conda");

    private MiniforgeSettings Settings => new(Tools) { MirrorUrl = mirror.Url, Version = MiniforgeMirror.Version };

    public void Dispose()
    {
        mirror.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Installs_the_installer_checked_against_the_sha256_file_published_beside_it()
    {
        mirror.Publish(FakeMiniforgeInstaller.Script(payloadBytes: 1_000_000));

        var conda = await Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None);

        Assert.Equal(ExpectedConda, conda);
        Assert.Equal("conda 25.3.1", (await new ProcessRunner(log).RunAsync(conda, ["--version"], streamToLog: false, CancellationToken.None)).StandardOutput.Trim());
        Assert.Equal(conda, MiniforgeBootstrapper.FindInstalled(Tools));
        Assert.False(File.Exists(Marker));
        Assert.Equal(1, mirror.ChecksumDownloads);
        Assert.Equal(1, mirror.InstallerDownloads);
        AssertNoDownloadLeftovers();

        var steps = log.Lines;
        Assert.Contains($"Downloading Miniforge3 25.3.1-0 ({MiniforgeMirror.Asset.Platform}) from {mirror.Url}{MiniforgeMirror.FileName}...", steps);
        Assert.Contains("Checking its SHA-256...", steps);
        Assert.Contains($"Installing Miniforge into {InstallDirectory}...", steps);
        var progress = steps.Where(line => line.StartsWith("Downloaded ", StringComparison.Ordinal)).ToList();
        Assert.InRange(progress.Count, 1, 10);
        Assert.EndsWith("(100%)", progress[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_sha256_is_used_without_fetching_a_checksum_file()
    {
        var installer = FakeMiniforgeInstaller.Script();
        mirror.Publish(installer, withChecksumFile: false);

        var conda = await Bootstrapper().EnsureInstalledAsync(Settings with { Sha256 = MiniforgeMirror.Sha256Of(installer).ToUpperInvariant() }, CancellationToken.None);

        Assert.Equal(ExpectedConda, conda);
        Assert.Equal(0, mirror.ChecksumDownloads);
        Assert.Equal(1, mirror.InstallerDownloads);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wrong_hash_installs_nothing_and_names_both_hashes(bool configured)
    {
        var installer = FakeMiniforgeInstaller.Script();
        var wrong = new string('a', 64);
        mirror.Publish(installer, publishedSha256: configured ? null : wrong);
        var settings = configured ? Settings with { Sha256 = wrong } : Settings;

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Bootstrapper().EnsureInstalledAsync(settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.MiniforgeHashMismatch, error.Code);
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Contains(MiniforgeMirror.Sha256Of(installer), error.Message, StringComparison.Ordinal);
        Assert.Contains(mirror.Url + MiniforgeMirror.FileName, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(InstallDirectory));
        Assert.False(File.Exists(Marker));
        Assert.Null(MiniforgeBootstrapper.FindInstalled(Tools));
        Assert.DoesNotContain(log.Lines, line => line.StartsWith("Installing Miniforge", StringComparison.Ordinal));
        AssertNoDownloadLeftovers();
    }

    [Fact]
    public async Task The_default_release_is_checked_against_the_pinned_hash_not_the_published_one()
    {
        // A mirror serving another file under the default release's name, with a .sha256 that matches it.
        var installer = FakeMiniforgeInstaller.Script();
        var fileName = MiniforgeMirror.Asset.FileName(MiniforgeSettings.DefaultVersion);
        mirror.Server.Add("/miniforge/" + fileName, installer);
        mirror.Server.Add("/miniforge/" + fileName + ".sha256", Encoding.ASCII.GetBytes($"{MiniforgeMirror.Sha256Of(installer)}  {fileName}\n"));
        var pinned = MiniforgePinnedSha256.Of(fileName);
        Assert.NotNull(pinned);

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Bootstrapper().EnsureInstalledAsync(Settings with { Version = MiniforgeSettings.DefaultVersion }, CancellationToken.None));

        Assert.Equal(ErrorCodes.MiniforgeHashMismatch, error.Code);
        Assert.Contains(pinned, error.Message, StringComparison.Ordinal);
        Assert.Contains("the SHA-256 M1Env pins for this installer", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, mirror.Server.CountRequests("/miniforge/" + fileName + ".sha256"));
        Assert.Null(MiniforgeBootstrapper.FindInstalled(Tools));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_missing_installer_is_a_download_failure_that_says_how_to_go_on(bool withChecksumFile)
    {
        // Only the checksum file (or nothing at all) is on the mirror.
        mirror.Publish(FakeMiniforgeInstaller.Script(), withChecksumFile: withChecksumFile);
        mirror.Server.Remove(MiniforgeMirror.InstallerPath);

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.MiniforgeDownloadFailed, error.Code);
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        AssertSaysHowToGoOn(error);
        Assert.False(Directory.Exists(InstallDirectory));
        AssertNoDownloadLeftovers();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_unreachable_server_is_a_download_failure_that_says_how_to_go_on(bool configuredSha256)
    {
        var settings = new MiniforgeSettings(Tools)
        {
            MirrorUrl = $"http://127.0.0.1:{StaticFileServer.ClosedLoopbackPort()}/miniforge/",
            Version = MiniforgeMirror.Version,
            Sha256 = configuredSha256 ? new string('a', 64) : null,
        };

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Bootstrapper().EnsureInstalledAsync(settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.MiniforgeDownloadFailed, error.Code);
        AssertSaysHowToGoOn(error);
        Assert.Null(MiniforgeBootstrapper.FindInstalled(Tools));
    }

    [Fact]
    public async Task A_failing_installer_leaves_no_install_and_shows_its_output()
    {
        mirror.Publish(FakeMiniforgeInstaller.Script(failWith: "ERROR: could not extract the payload"));

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.MiniforgeInstallFailed, error.Code);
        Assert.Contains("exit code 7", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.ToolOutput, line => line.StartsWith("$ bash ", StringComparison.Ordinal));
        Assert.Contains("ERROR: could not extract the payload", error.ToolOutput);
        Assert.False(Directory.Exists(InstallDirectory));
        Assert.False(File.Exists(Marker));
        Assert.Null(MiniforgeBootstrapper.FindInstalled(Tools));
        AssertNoDownloadLeftovers();
    }

    [Fact]
    public async Task A_tools_folder_with_spaces_fails_before_downloading()
    {
        mirror.Publish(FakeMiniforgeInstaller.Script());
        var settings = Settings with { ToolsDirectory = temp.Combine("my tools") };

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Bootstrapper().EnsureInstalledAsync(settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.MiniforgeInstallFailed, error.Code);
        Assert.Contains("spaces", error.Message, StringComparison.Ordinal);
        Assert.Contains("M1EnvCondaExe", error.Message, StringComparison.Ordinal);
        Assert.Empty(mirror.Server.Requests);
    }

    [Fact]
    public async Task An_install_killed_half_way_is_never_taken_for_a_whole_one_and_is_redone()
    {
        // What a build killed during the installer leaves: the marker, a prefix that already has
        // bin/conda but not the rest, and its download folder.
        CreateExecutable(ExpectedConda, "#!/bin/sh\necho 'conda 25.3.1'\n");
        File.WriteAllText(Path.Combine(InstallDirectory, "half-written"), string.Empty);
        File.WriteAllText(Marker, string.Empty);
        var staleDownload = Directory.CreateDirectory(Path.Combine(Tools, ".miniforge-download.0123456789ab")).FullName;
        File.WriteAllText(Path.Combine(staleDownload, MiniforgeMirror.FileName), "partial");
        mirror.Publish(FakeMiniforgeInstaller.Script());

        Assert.Null(MiniforgeBootstrapper.FindInstalled(Tools));
        var conda = await Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None);

        Assert.Equal(ExpectedConda, conda);
        Assert.Equal(1, mirror.InstallerDownloads);
        Assert.False(File.Exists(Path.Combine(InstallDirectory, "half-written")));
        Assert.False(File.Exists(Marker));
        Assert.Equal(conda, MiniforgeBootstrapper.FindInstalled(Tools));
        Assert.Contains(log.Lines, line => line.StartsWith("Removing an unfinished Miniforge install", StringComparison.Ordinal));
        AssertNoDownloadLeftovers();
    }

    [Fact]
    public async Task A_folder_without_conda_is_replaced_by_a_whole_install()
    {
        Directory.CreateDirectory(Path.Combine(InstallDirectory, "pkgs"));
        mirror.Publish(FakeMiniforgeInstaller.Script());

        Assert.Null(MiniforgeBootstrapper.FindInstalled(Tools));
        var conda = await Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None);

        Assert.Equal(ExpectedConda, conda);
        Assert.Equal(1, mirror.InstallerDownloads);
    }

    [Fact]
    public async Task A_cancelled_install_leaves_no_install_and_the_next_call_installs()
    {
        mirror.Publish(FakeMiniforgeInstaller.Script(sleepSeconds: 60));
        using var cancellation = new CancellationTokenSource();

        var install = Bootstrapper().EnsureInstalledAsync(Settings, cancellation.Token);
        await WaitUntilAsync(() => log.Lines.Contains("Unpacking payload ..."));
        Assert.True(File.Exists(Marker));
        Assert.Null(MiniforgeBootstrapper.FindInstalled(Tools));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => install.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(MiniforgeBootstrapper.FindInstalled(Tools));

        mirror.Publish(FakeMiniforgeInstaller.Script());
        Assert.Equal(ExpectedConda, await Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_call_finds_the_install_and_downloads_nothing()
    {
        mirror.Publish(FakeMiniforgeInstaller.Script());
        var conda = await Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None);
        mirror.Server.ClearRequests();
        var linesBefore = log.Lines.Count;

        Assert.Equal(conda, await Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None));

        Assert.Empty(mirror.Server.Requests);
        Assert.Equal(linesBefore, log.Lines.Count);
    }

    [Fact]
    public async Task Two_builds_at_once_install_once()
    {
        mirror.Publish(FakeMiniforgeInstaller.Script(sleepSeconds: 1));

        var results = await Task.WhenAll(
            Task.Run(() => Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None)),
            Task.Run(() => Bootstrapper().EnsureInstalledAsync(Settings, CancellationToken.None)));

        Assert.All(results, conda => Assert.Equal(ExpectedConda, conda));
        Assert.Equal(1, mirror.InstallerDownloads);
        Assert.Equal(1, mirror.ChecksumDownloads);
        Assert.Single(log.Lines, line => line.StartsWith("Installing Miniforge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mirror_credentials_are_sent_but_never_shown()
    {
        mirror.Publish(FakeMiniforgeInstaller.Script());
        var settings = Settings with { MirrorUrl = mirror.Url.Replace("http://", "http://alice:s3cret@", StringComparison.Ordinal) };

        await Bootstrapper().EnsureInstalledAsync(settings, CancellationToken.None);

        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret"));
        Assert.All(mirror.Server.Requests, request => Assert.Equal(basic, request.Authorization));
        Assert.Contains(log.Lines, line => line.Contains("http://****@127.0.0.1", StringComparison.Ordinal));
        AssertNeverShown("s3cret");
    }

    [Theory]
    [InlineData(ErrorCodes.MiniforgeDownloadFailed)]
    [InlineData(ErrorCodes.MiniforgeHashMismatch)]
    public async Task Mirror_credentials_never_appear_in_errors(string code)
    {
        var installer = FakeMiniforgeInstaller.Script();
        mirror.Publish(installer, publishedSha256: code == ErrorCodes.MiniforgeHashMismatch ? new string('b', 64) : null);
        if (code == ErrorCodes.MiniforgeDownloadFailed)
        {
            mirror.Server.Remove(MiniforgeMirror.InstallerPath);
        }

        var settings = Settings with { MirrorUrl = mirror.Url.Replace("http://", "http://alice:s3cret@", StringComparison.Ordinal) };

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Bootstrapper().EnsureInstalledAsync(settings, CancellationToken.None));

        Assert.Equal(code, error.Code);
        Assert.Contains("http://****@127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(error.ToolOutput, line => line.Contains("s3cret", StringComparison.Ordinal));
        AssertNeverShown("s3cret");
    }

    private static void AssertSaysHowToGoOn(M1EnvException error)
    {
        Assert.Contains("https://github.com/conda-forge/miniforge", error.Message, StringComparison.Ordinal);
        Assert.Contains($"bash {MiniforgeMirror.FileName} -b -p ~/miniforge3", error.Message, StringComparison.Ordinal);
        Assert.Contains("M1EnvCondaExe", error.Message, StringComparison.Ordinal);
        Assert.Contains("M1EnvMiniforgeUrl", error.Message, StringComparison.Ordinal);
    }

    private static void CreateExecutable(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50);
        }
    }

    private MiniforgeBootstrapper Bootstrapper() => new(new ProcessRunner(log), log);

    private void AssertNoDownloadLeftovers() =>
        Assert.Empty(Directory.Exists(Tools) ? Directory.EnumerateFileSystemEntries(Tools, ".miniforge-download.*") : []);

    private void AssertNeverShown(string secret) =>
        Assert.DoesNotContain(log.Lines, line => line.Contains(secret, StringComparison.Ordinal));
}
