using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Python;
using M1Env.Core.Python.Managed;
using M1Env.Testing;

namespace M1Env.Core.Tests.Python.Managed;

/// <summary>
/// Installs of a real install_only archive (made from this machine's CPython 3.11, so its interpreter
/// runs from its new place), served on 127.0.0.1 as a mirror of the pinned builds or named outright.
/// </summary>
public sealed class ManagedPythonsTests : IDisposable
{
    private const string Tag = "20260101";

    private readonly TempDirectory temp = new("m1env-managed-python");
    private readonly StaticFileServer server = StaticFileServer.Start();
    private readonly RecordingProvisionLog log = new();

    private string Tools => temp.Combine("tools");

    private static string Platform => ManagedPythons.CurrentPlatform!;

    public void Dispose()
    {
        server.Dispose();
        temp.Dispose();
    }

    [RelocatablePythonFact]
    public async Task A_pinned_build_comes_from_the_mirror_is_checked_and_renamed_into_place_and_is_then_found_without_a_request()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var url = archive.Serve(server, Tag);
        var settings = new ManagedPythonSettings(Tools) { MirrorUrl = url[..(url.LastIndexOf('/') + 1)] };

        var (python, installed) = await Pythons(archive).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None);

        Assert.True(installed);
        Assert.Equal(Path.Combine(Tools, "python", $"{archive.Version}-{Platform}"), python.Home);
        Assert.Equal(archive.Version, python.Version.ToString());
        Assert.True(File.Exists(python.Library), python.Library);
        Assert.Equal(python.Home, await PrefixOfAsync(python.Executable));
        Assert.Equal([$"{archive.Version}-{Platform}"], Directory.GetDirectories(settings.InstallRoot).Select(Path.GetFileName));
        Assert.Contains($"Downloading the managed CPython {archive.Version} ({Platform}) from {url.Replace("+", "%2B", StringComparison.Ordinal)}...", log.Lines);
        Assert.Contains("Checking its SHA-256...", log.Lines);
        Assert.Contains(log.Lines, line => line.StartsWith("Downloaded ", StringComparison.Ordinal) && line.EndsWith("(100%)", StringComparison.Ordinal));

        var again = await Pythons(archive).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None);

        Assert.False(again.Installed);
        Assert.Equal(python, again.Python);
        Assert.Single(server.Requests);
        Assert.Equal([python], ManagedPythons.FindInstalled(Tools));
    }

    [RelocatablePythonFact]
    public async Task A_tampered_archive_is_a_hash_error_and_nothing_is_unpacked()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var url = archive.Serve(server, Tag);
        server.Add(new Uri(url).AbsolutePath, archive.Tampered());
        var settings = new ManagedPythonSettings(Tools) { MirrorUrl = url[..(url.LastIndexOf('/') + 1)] };

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Pythons(archive).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.ManagedPythonHashMismatch, error.Code);
        Assert.Contains($"but {archive.Sha256} was expected (the SHA-256 M1Env pins for this build)", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(settings.InstallRoot));
        Assert.DoesNotContain(log.Lines, line => line.StartsWith("Unpacking", StringComparison.Ordinal));
    }

    [RelocatablePythonFact]
    public async Task A_named_archive_is_installed_under_the_version_its_interpreter_reports_and_its_hash()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var settings = new ManagedPythonSettings(Tools) { ArchiveUrl = archive.Path, ArchiveSha256 = archive.Sha256.ToUpperInvariant() };

        var (python, _) = await new ManagedPythons(new ProcessRunner(log), log).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None);

        Assert.Equal(Path.Combine(Tools, "python", $"{archive.Version}-{Platform}-{archive.Sha256[..12]}"), python.Home);
        Assert.Equal([python], ManagedPythons.Usable(settings));
        Assert.Empty(ManagedPythons.Usable(new ManagedPythonSettings(Tools)));
    }

    [RelocatablePythonFact]
    public async Task A_named_archive_of_another_version_than_asked_installs_nothing()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var url = archive.Serve(server, Tag);
        var settings = new ManagedPythonSettings(Tools) { ArchiveUrl = url, ArchiveSha256 = archive.Sha256 };

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Pythons(archive).EnsureAsync(new PythonRequest(3, 12, null), settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.ManagedPythonUnavailable, error.Code);
        Assert.StartsWith($"M1EnvPythonArchive holds CPython {archive.Version}, but CPython 3.12 is asked for.", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(settings.InstallRoot));
    }

    [RelocatablePythonFact]
    public async Task What_a_killed_install_left_is_never_taken_for_a_build_and_the_next_install_removes_it()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var url = archive.Serve(server, Tag);
        var settings = new ManagedPythonSettings(Tools) { MirrorUrl = url[..(url.LastIndexOf('/') + 1)] };
        var leftover = Path.Combine(settings.InstallRoot, $".{archive.Version}-{Platform}.0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(leftover, "python", "bin"));
        File.WriteAllText(Path.Combine(leftover, "python", "bin", "python3"), "half");

        Assert.Empty(ManagedPythons.FindInstalled(Tools));

        var (python, installed) = await Pythons(archive).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None);

        Assert.True(installed);
        Assert.False(Directory.Exists(leftover));
        Assert.Equal(python.Home, await PrefixOfAsync(python.Executable));
    }

    [RelocatablePythonFact]
    public async Task Two_installs_at_once_download_once_and_get_the_same_build()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var url = archive.Serve(server, Tag);
        var settings = new ManagedPythonSettings(Tools) { MirrorUrl = url[..(url.LastIndexOf('/') + 1)] };

        var both = await Task.WhenAll(
            Task.Run(() => Pythons(archive).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None)),
            Task.Run(() => Pythons(archive).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None)));

        Assert.Equal(both[0].Python, both[1].Python);
        Assert.Single(both, b => b.Installed);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task No_network_is_a_download_error_that_says_how_to_go_on()
    {
        var settings = new ManagedPythonSettings(Tools) { MirrorUrl = $"http://127.0.0.1:{StaticFileServer.ClosedLoopbackPort()}/python/" };
        var build = new ManagedPythonBuild("3.11.7", Platform, Tag, "https://example.invalid/cpython-3.11.7%2B20260101-x.tar.gz", new string('a', 64));

        var error = await Assert.ThrowsAsync<M1EnvException>(() => new ManagedPythons(new ProcessRunner(log), log, builds: [build]).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.ManagedPythonDownloadFailed, error.Code);
        Assert.Contains("Set M1EnvPythonMirror to a folder that serves python-build-standalone's archives", error.Message, StringComparison.Ordinal);
        Assert.Contains("install a CPython of the declared version on this machine", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(settings.InstallRoot));
    }

    [Fact]
    public async Task With_downloads_off_nothing_is_fetched()
    {
        var settings = new ManagedPythonSettings(Tools) { Downloads = PythonDownloads.Never, MirrorUrl = server.BaseUrl };

        var error = await Assert.ThrowsAsync<M1EnvException>(() => new ManagedPythons(new ProcessRunner(log), log).EnsureAsync(new PythonRequest(3, 11, null), settings, CancellationToken.None));

        Assert.Equal(ErrorCodes.ManagedPythonUnavailable, error.Code);
        Assert.Contains("M1EnvPythonDownloads is never", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_version_M1Env_pins_no_build_for_says_which_it_has()
    {
        var error = await Assert.ThrowsAsync<M1EnvException>(() => new ManagedPythons(new ProcessRunner(log), log).EnsureAsync(new PythonRequest(3, 99, null), new ManagedPythonSettings(Tools), CancellationToken.None));

        Assert.Equal(ErrorCodes.ManagedPythonUnavailable, error.Code);
        Assert.Contains($"M1Env pins no managed CPython 3.99 for {Platform} (it has 3.9 to 3.14)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The pinned list, with this archive in the place of the real build of its version.</summary>
    private ManagedPythons Pythons(PythonBuildStandaloneArchive archive)
    {
        var fileName = archive.FileNameFor(PythonBuildStandaloneArchive.PlatformTriple, Tag);
        var build = new ManagedPythonBuild(archive.Version, Platform, Tag, "https://github.com/astral-sh/python-build-standalone/releases/download/" + Tag + "/" + Uri.EscapeDataString(fileName), archive.Sha256);
        return new ManagedPythons(new ProcessRunner(log), log, builds: [build]);
    }

    private async Task<string> PrefixOfAsync(string executable)
    {
        var result = await new ProcessRunner(log).RunAsync(executable, ["-I", "-c", "import sys; print(sys.prefix)"], streamToLog: false, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join('\n', result.Transcript));
        return result.StandardOutput.Trim();
    }
}
