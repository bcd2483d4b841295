using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Python;
using M1Env.Core.Python.Managed;
using M1Env.Testing;

namespace M1Env.Core.Tests.Python.Managed;

/// <summary>Which CPython a venv is made from, by M1EnvPythonPreference, with real interpreters and a real managed build.</summary>
public sealed class PythonSelectorTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-python-selector");
    private readonly StaticFileServer server = StaticFileServer.Start();
    private readonly RecordingProvisionLog log = new();

    private string Tools => temp.Combine("tools");

    public void Dispose()
    {
        server.Dispose();
        temp.Dispose();
    }

    /// <summary>The machine's interpreters as a user without pyenv sees them: the system folders only.</summary>
    private PythonCandidateSources SystemOnly => new(new Dictionary<string, string?> { ["PATH"] = string.Empty, ["HOME"] = temp.Path });

    [RelocatablePythonFact]
    public async Task By_default_the_machine_s_python_comes_first_and_nothing_is_downloaded()
    {
        var (selector, _) = await SelectorAsync(PythonPreference.System, PythonCandidateSources.ForCurrentProcess());

        var chosen = (await selector.SelectAsync(new PythonRequest(3, 11, null), CancellationToken.None))!;

        Assert.False(ManagedPythonLayout.Contains(Tools, chosen.Executable));
        Assert.Empty(server.Requests);
        Assert.True(selector.Allows(chosen.Executable));
    }

    [RelocatablePythonFact]
    public async Task Without_a_fitting_python_on_the_machine_the_managed_build_is_installed_and_the_log_says_why()
    {
        var (selector, archive) = await SelectorAsync(PythonPreference.System, SystemOnly);

        var chosen = (await selector.SelectAsync(new PythonRequest(3, 11, 7), CancellationToken.None))!;

        Assert.True(ManagedPythonLayout.Contains(Tools, chosen.Executable), chosen.Executable);
        Assert.Equal(archive.Version, chosen.Version);
        Assert.Contains(log.Lines, line => line.StartsWith("No CPython 3.11.7 that can make a venv on this machine (", StringComparison.Ordinal)
            && line.Contains($"; installed the managed CPython {archive.Version}", StringComparison.Ordinal));
    }

    [RelocatablePythonFact]
    public async Task Only_managed_never_takes_the_machine_s_python_and_refuses_to_keep_an_env_made_from_it()
    {
        var (selector, _) = await SelectorAsync(PythonPreference.OnlyManaged, PythonCandidateSources.ForCurrentProcess());

        var chosen = (await selector.SelectAsync(new PythonRequest(3, 11, null), CancellationToken.None, preferred: "/usr/bin/python3"))!;

        Assert.True(ManagedPythonLayout.Contains(Tools, chosen.Executable), chosen.Executable);
        Assert.Contains(log.Lines, line => line.StartsWith("M1EnvPythonPreference is only-managed; installed the managed CPython", StringComparison.Ordinal));
        Assert.False(selector.Allows("/usr/bin/python3"));
        Assert.True(selector.Allows(chosen.Executable));

        log.Clear();
        var again = (await selector.SelectAsync(new PythonRequest(3, 11, null), CancellationToken.None))!;

        Assert.Equal(chosen.Executable, again.Executable);
        Assert.Single(server.Requests);
        Assert.Contains(log.Lines, line => line.StartsWith("Using the managed CPython", StringComparison.Ordinal) && line.EndsWith(": M1EnvPythonPreference is only-managed.", StringComparison.Ordinal));
    }

    [RelocatablePythonFact]
    public async Task A_plan_names_the_build_it_would_install_and_downloads_nothing()
    {
        var (selector, _) = await SelectorAsync(PythonPreference.OnlyManaged, PythonCandidateSources.ForCurrentProcess());

        var chosen = await selector.SelectAsync(new PythonRequest(3, 11, null), CancellationToken.None, mayInstall: false);

        Assert.Null(chosen);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(Path.Combine(Tools, "python")));
        Assert.Contains($"M1EnvPythonPreference is only-managed: the build will install the managed CPython of M1EnvPythonArchive into {Path.Combine(Tools, "python")} (a plan installs nothing).", log.Lines);
    }

    [RelocatablePythonFact]
    public async Task Managed_prefers_an_installed_build_but_takes_the_machine_s_python_before_a_download()
    {
        var (selector, _) = await SelectorAsync(PythonPreference.Managed, PythonCandidateSources.ForCurrentProcess());

        var first = (await selector.SelectAsync(new PythonRequest(3, 11, null), CancellationToken.None))!;

        Assert.False(ManagedPythonLayout.Contains(Tools, first.Executable));
        Assert.Empty(server.Requests);

        var (onlyManaged, _) = await SelectorAsync(PythonPreference.OnlyManaged, PythonCandidateSources.ForCurrentProcess());
        await onlyManaged.SelectAsync(new PythonRequest(3, 11, null), CancellationToken.None);
        var second = (await selector.SelectAsync(new PythonRequest(3, 11, null), CancellationToken.None))!;

        Assert.True(ManagedPythonLayout.Contains(Tools, second.Executable), second.Executable);
    }

    [RelocatablePythonFact]
    public async Task With_downloads_off_and_nothing_installed_it_is_python_not_found_naming_the_setting()
    {
        var (selector, _) = await SelectorAsync(PythonPreference.OnlyManaged, PythonCandidateSources.ForCurrentProcess(), PythonDownloads.Never);

        var error = await Assert.ThrowsAsync<M1EnvException>(() => selector.SelectAsync(new PythonRequest(3, 11, null), CancellationToken.None));

        Assert.Equal(ErrorCodes.PythonNotFound, error.Code);
        Assert.Contains("M1EnvPythonDownloads is never", error.Message, StringComparison.Ordinal);
        Assert.Contains("M1EnvPythonPreference is only-managed: the machine's interpreters are not used", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_version_with_no_python_anywhere_and_no_pinned_build_is_python_not_found()
    {
        var selector = new PythonSelector(Locator(SystemOnly), SystemOnly, Probe(), new ManagedPythons(new ProcessRunner(log), log), new ManagedPythonSettings(Tools), log);

        var error = await Assert.ThrowsAsync<M1EnvException>(() => selector.SelectAsync(new PythonRequest(3, 99, null), CancellationToken.None));

        Assert.Equal(ErrorCodes.PythonNotFound, error.Code);
        Assert.StartsWith("No CPython 3.99 that can create a venv was found.", error.Message, StringComparison.Ordinal);
        Assert.Contains("M1Env pins no managed CPython 3.99 for", error.Message, StringComparison.Ordinal);
    }

    private async Task<(PythonSelector Selector, PythonBuildStandaloneArchive Archive)> SelectorAsync(
        PythonPreference preference, PythonCandidateSources system, PythonDownloads downloads = PythonDownloads.Automatic)
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var url = archive.Serve(server, "20260101");
        var settings = new ManagedPythonSettings(Tools) { Preference = preference, Downloads = downloads, ArchiveUrl = url, ArchiveSha256 = archive.Sha256 };
        return (new PythonSelector(Locator(system), system, Probe(), new ManagedPythons(new ProcessRunner(log), log), settings, log), archive);
    }

    private PythonLocator Locator(PythonCandidateSources sources) => new(sources, Probe(), log);

    private InterpreterProbe Probe() => new(new ProcessRunner(log));
}
