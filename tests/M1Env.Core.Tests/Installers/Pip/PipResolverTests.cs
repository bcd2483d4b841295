using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

/// <summary>The resolver with the real pip of a real venv against a real (local) index.</summary>
public sealed class PipResolverTests(PipResolverFixture fixture) : IClassFixture<PipResolverFixture>
{
    private readonly RecordingProvisionLog log = new();

    private PipResolver Resolver(string? indexUrl = null) =>
        new(new ProcessRunner(log), fixture.Python, new PackageSourceSettings(indexUrl ?? fixture.Server.IndexUrl, [], [], Offline: false));

    private static PipRequirement[] Requirements(params string[] names) =>
        [.. names.Select(n => new PipRequirement(n, [], string.Empty))];

    private static string Describe(PipResolution resolution) =>
        string.Join("\n", resolution.Artifacts.Select(a => $"{a.Name} {a.Version} {a.FileName} {a.Url} {a.Sha256} {a.Requested}"));

    [Fact]
    public async Task Two_declared_packages_and_a_dependency_resolve_to_files_with_their_sha256()
    {
        var resolution = await Resolver().ResolveAsync(Requirements("m1-app", "M1_Tool"), PipResolveTarget.ThisPython, CancellationToken.None);

        Assert.Equal(["m1-app", "m1-lib", "m1-tool"], resolution.Artifacts.Select(a => a.Name));
        Assert.Equal(["1.0", "1.1", "2.0"], resolution.Artifacts.Select(a => a.Version));
        foreach (var artifact in resolution.Artifacts)
        {
            var built = fixture.Files[artifact.FileName];
            Assert.Equal(built.Sha256, artifact.Sha256);
            Assert.Equal(fixture.Server.BaseUrl + "files/" + artifact.FileName, artifact.Url);
            Assert.True(artifact.IsWheel);
        }

        Assert.Equal([true, false, true], resolution.Artifacts.Select(a => a.Requested));
        Assert.Equal(["m1-lib>=1.0"], resolution.Find("m1-app")!.RequiresDist);
        Assert.Equal("linux", resolution.Environment["sys_platform"]);
        Assert.Single(log.Commands, c => c.Contains("--dry-run", StringComparison.Ordinal) && c.Contains("--report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_inputs_resolve_the_same_artifacts_twice()
    {
        var first = await Resolver().ResolveAsync(Requirements("m1-app", "m1-plat"), PipResolveTarget.ThisPython, CancellationToken.None);
        var second = await Resolver().ResolveAsync(Requirements("m1-plat", "m1-app"), PipResolveTarget.ThisPython, CancellationToken.None);

        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(4, first.Artifacts.Count);
    }

    [Fact]
    public async Task A_pin_keeps_the_older_version_and_the_update_set_lets_it_move()
    {
        var pins = new Dictionary<string, string> { ["M1_Lib"] = "1.0", ["m1-gone"] = "3.0" };

        var kept = await Resolver().ResolveAsync(Requirements("m1-app"), PipResolveTarget.ThisPython, pins, [], CancellationToken.None);
        var moved = await Resolver().ResolveAsync(Requirements("m1-app"), PipResolveTarget.ThisPython, pins, ["m1.lib"], CancellationToken.None);

        Assert.Equal("1.0", kept.Find("m1-lib")!.Version);
        Assert.Equal(fixture.Files["m1_lib-1.0-py3-none-any.whl"].Sha256, kept.Find("m1-lib")!.Sha256);
        Assert.Null(kept.Find("m1-gone"));
        Assert.Equal("1.1", moved.Find("m1-lib")!.Version);
    }

    [Fact]
    public async Task A_pin_that_contradicts_a_declaration_fails_and_says_pins_were_held()
    {
        var pins = new Dictionary<string, string> { ["m1-lib"] = "1.0" };
        var requirement = new PipRequirement("m1-lib", [], ">=1.1");

        var error = await Assert.ThrowsAsync<M1EnvException>(() =>
            Resolver().ResolveAsync([requirement], PipResolveTarget.ThisPython, pins, [], CancellationToken.None));

        Assert.Equal(ErrorCodes.PipInstallFailed, error.Code);
        Assert.Contains("held at their locked versions", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.ToolOutput, line => line.Contains("m1-lib", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Osx_arm64_on_this_machine_picks_the_macos_11_arm64_wheel_and_darwin_markers()
    {
        var resolution = await Resolver().ResolveAsync(Requirements("m1-plat"), PipResolveTarget.Foreign(LockPlatform.OsxArm64, "3.11.7"), CancellationToken.None);

        Assert.Equal("m1_native-1.0-cp311-cp311-macosx_11_0_arm64.whl", resolution.Find("m1-native")!.FileName);
        Assert.Equal(fixture.Files["m1_native-1.0-cp311-cp311-macosx_11_0_arm64.whl"].Sha256, resolution.Find("m1-native")!.Sha256);
        Assert.Null(resolution.Find("m1-winonly"));
        Assert.Equal(("darwin", "arm64", "Darwin", "3.11"), (resolution.Environment["sys_platform"], resolution.Environment["platform_machine"], resolution.Environment["platform_system"], resolution.Environment["python_version"]));
    }

    [Fact]
    public async Task Win_x64_picks_win_amd64_and_keeps_the_windows_only_dependency()
    {
        var windows = await Resolver().ResolveAsync(Requirements("m1-plat"), PipResolveTarget.Foreign(LockPlatform.WinX64, "3.11"), CancellationToken.None);
        var linux = await Resolver().ResolveAsync(Requirements("m1-plat"), PipResolveTarget.Foreign(LockPlatform.LinuxX64, "3.11"), CancellationToken.None);

        Assert.Equal("m1_native-1.0-cp311-cp311-win_amd64.whl", windows.Find("m1-native")!.FileName);
        Assert.NotNull(windows.Find("m1-winonly"));
        Assert.Equal(("win32", "nt"), (windows.Environment["sys_platform"], windows.Environment["os_name"]));
        Assert.Equal("m1_native-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", linux.Find("m1-native")!.FileName);
        Assert.Null(linux.Find("m1-winonly"));
    }

    [Fact]
    public async Task An_sdist_resolves_for_this_python_but_fails_for_another_platform_naming_package_and_platform()
    {
        var here = await Resolver().ResolveAsync(Requirements("m1-srconly"), PipResolveTarget.ThisPython, CancellationToken.None);
        var error = await Assert.ThrowsAsync<M1EnvException>(() =>
            Resolver().ResolveAsync(Requirements("m1-srconly"), PipResolveTarget.Foreign(LockPlatform.WinX64, "3.11"), CancellationToken.None));

        var sdist = Assert.Single(here.Artifacts);
        Assert.Equal(("m1_srconly-1.0.tar.gz", false), (sdist.FileName, sdist.IsWheel));
        Assert.Equal(fixture.Files["m1_srconly-1.0.tar.gz"].Sha256, sdist.Sha256);
        Assert.Equal(ErrorCodes.PackageNotOnIndex, error.Code);
        Assert.Contains("no wheel of m1-srconly for win-x64", error.Message, StringComparison.Ordinal);
        Assert.Contains("only wheels can be locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_in_the_index_url_appear_in_no_log_line_nor_error()
    {
        var indexUrl = $"http://user:secret@127.0.0.1:{fixture.Server.Port}/simple/";

        var resolution = await Resolver(indexUrl).ResolveAsync(Requirements("m1-app"), PipResolveTarget.Foreign(LockPlatform.LinuxX64, "3.11"), CancellationToken.None);
        var error = await Assert.ThrowsAsync<M1EnvException>(() =>
            Resolver(indexUrl).ResolveAsync(Requirements("m1-missing"), PipResolveTarget.ThisPython, CancellationToken.None));

        Assert.Equal(2, resolution.Artifacts.Count);
        Assert.Equal(ErrorCodes.PackageNotOnIndex, error.Code);
        Assert.Contains(log.Commands, c => c.Contains("http://****@127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains("secret", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.ToolOutput, line => line.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_left_in_the_temp_folder()
    {
        // A folder of its own: other test assemblies resolve in the shared temp folder at the same time.
        using var scratch = new TempDirectory("m1env-resolve-scratch");
        var resolver = new PipResolver(new ProcessRunner(log), fixture.Python, new PackageSourceSettings(fixture.Server.IndexUrl, [], [], Offline: false), scratch.Path);

        await resolver.ResolveAsync(Requirements("m1-app"), PipResolveTarget.Foreign(LockPlatform.OsxX64, "3.11"), new Dictionary<string, string> { ["m1-lib"] = "1.0" }, [], CancellationToken.None);
        await Assert.ThrowsAsync<M1EnvException>(() => resolver.ResolveAsync(Requirements("m1-missing"), PipResolveTarget.ThisPython, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path));
    }
}
