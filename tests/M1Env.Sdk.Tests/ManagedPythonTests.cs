using System.Runtime.InteropServices;
using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// Real builds of an env made from a managed CPython: a python-build-standalone archive (repacked from this machine's
/// pyenv 3.11) served on 127.0.0.1 and named by M1EnvPythonArchive and M1EnvPythonSha256, installed into the test's
/// own tools folder.
/// </summary>
public sealed class ManagedPythonTests : IAsyncLifetime
{
    private const string BuildTag = "20260814";

    private readonly PackageFeed feed = new();
    private readonly StaticFileServer server = StaticFileServer.Start();
    private PythonBuildStandaloneArchive archive = null!;
    private string archiveUrl = null!;

    private string ArchivePath => new Uri(archiveUrl).AbsolutePath;

    /// <summary>The folder name of the archive's build: <c>3.11.7-linux-x64-&lt;first 12 digits of its SHA-256&gt;</c>.</summary>
    private string BuildFolderName => $"{archive.Version}-{Platform}-{archive.Sha256[..12]}";

    private static string Platform =>
        (OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" + (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64");

    public async Task InitializeAsync()
    {
        archive = await PythonBuildStandaloneArchive.GetAsync();
        archiveUrl = archive.Serve(server, BuildTag);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        feed.Dispose();
    }

    private string Declaration(string? archiveLocation = null, string preference = "only-managed", string extraProperties = "") => $"""
        {feed.IndexProperty}
        <PropertyGroup>
          <M1EnvPythonPreference>{preference}</M1EnvPythonPreference>
          <M1EnvPythonArchive>{archiveLocation ?? archiveUrl}</M1EnvPythonArchive>
          <M1EnvPythonSha256>{archive.Sha256}</M1EnvPythonSha256>
          {extraProperties}
        </PropertyGroup>
        <ItemGroup>
          <PythonEnv Include="demo" Python="3.11" />
          <PipPackage Include="m1-gamma" Version="1.0" />
        </ItemGroup>
        """;

    private static string PythonRoot(TestProject project) => Path.Combine(project.ToolsDirectory, "python");

    private string BuildHome(TestProject project) => Path.Combine(PythonRoot(project), BuildFolderName);

    [RelocatablePythonFact]
    public async Task Only_managed_makes_the_env_from_the_managed_build_and_a_second_build_starts_nothing_and_downloads_nothing()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration());

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        var home = BuildHome(project);
        // The interpreter is named as sys.implementation names it ("cpython"), hence the case is not compared.
        Assert.Contains(
            $"M1EnvPythonPreference is only-managed; installed the managed CPython {archive.Version} (",
            build.Output,
            StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"at {Path.Combine(home, "bin", "python3")}", build.Output, StringComparison.Ordinal);
        Assert.StartsWith(home + Path.DirectorySeparatorChar, PyvenvHome(project), StringComparison.Ordinal);
        await AssertRunsFromManagedBuildAsync(project, home);
        Assert.Equal(1, server.CountRequests(ArchivePath));

        var noOp = await project.BuildTracedAsync();

        Assert.True(noOp.Succeeded, noOp.ToString());
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
        ProcessAssertions.StartedNoPython(noOp);
        Assert.Single(server.Requests);
    }

    [RelocatablePythonFact]
    public async Task A_managed_build_deleted_by_hand_is_installed_again_and_the_env_remade_from_it()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration());
        var first = await project.BuildAsync();
        Assert.True(first.Succeeded, first.ToString());

        Directory.Delete(BuildHome(project), recursive: true);
        var rebuild = await project.BuildAsync();

        Assert.True(rebuild.Succeeded, rebuild.ToString());
        Assert.Contains("Recreating environment 'demo': its interpreter", rebuild.Output, StringComparison.Ordinal);
        Assert.Contains($"installed the managed CPython {archive.Version}", rebuild.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, server.CountRequests(ArchivePath));
        Assert.StartsWith(BuildHome(project) + Path.DirectorySeparatorChar, PyvenvHome(project), StringComparison.Ordinal);
        await AssertRunsFromManagedBuildAsync(project, BuildHome(project));
    }

    [RelocatablePythonFact]
    public async Task Two_builds_at_once_sharing_a_tools_folder_download_the_archive_once_and_both_envs_work()
    {
        using var first = await TestProject.CreateAsync("first.proj");
        using var second = await TestProject.CreateAsync("second.proj");
        first.WriteEnvProject(Declaration());
        second.WriteEnvProject(Declaration());
        var tools = $"-p:M1EnvToolsDir={first.ToolsDirectory}";
        await RestoreAsync(first);
        await RestoreAsync(second);

        var builds = await Task.WhenAll(
            first.DotnetAsync("build", trace: false, [tools, "--no-restore"]),
            second.DotnetAsync("build", trace: false, [tools, "--no-restore"]));

        Assert.All(builds, build => Assert.True(build.Succeeded, build.ToString()));
        Assert.Equal(1, server.CountRequests(ArchivePath));
        Assert.Single(builds, build => build.Output.Contains("Downloading the CPython archive", StringComparison.Ordinal));
        Assert.False(Directory.Exists(PythonRoot(second)));
        var home = BuildHome(first);
        Assert.Equal([BuildFolderName], EntriesIn(first));
        await AssertRunsFromManagedBuildAsync(first, home);
        await AssertRunsFromManagedBuildAsync(second, home);

        // The build that waited took the build the other one installed; its log must not claim it installed it too.
        Assert.Single(builds, build => build.Output.Contains("; installed the managed", StringComparison.OrdinalIgnoreCase));
    }

    [RelocatablePythonFact]
    public async Task A_tampered_archive_fails_with_M1E101_installs_nothing_and_the_good_one_then_builds()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration());
        server.Add(ArchivePath, archive.Tampered());

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E101:", failed.Output, StringComparison.Ordinal);
        Assert.Contains($"but {archive.Sha256} was expected (M1EnvPythonSha256)", failed.Output, StringComparison.Ordinal);
        Assert.Empty(EntriesIn(project));
        Assert.False(File.Exists(Path.Combine(project.PrefixOf("demo"), "pyvenv.cfg")));

        server.Add(ArchivePath, archive.Bytes);
        var fixedBuild = await project.BuildAsync();

        Assert.True(fixedBuild.Succeeded, fixedBuild.ToString());
        await AssertRunsFromManagedBuildAsync(project, BuildHome(project));
    }

    [RelocatablePythonFact]
    public async Task An_install_killed_while_it_downloads_leaves_no_build_and_the_next_build_installs_and_cleans_up()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration());
        server.AddThrottled(ArchivePath, archive.Bytes, chunkBytes: 64 * 1024, pause: TimeSpan.FromMilliseconds(100));

        // The first progress line comes once a tenth of the archive has arrived: the download is under way.
        var killed = await project.DotnetAsync(
            "build", trace: false, [], killWhen: line => line.Contains("Downloaded ", StringComparison.Ordinal) && line.Contains("%)", StringComparison.Ordinal));

        Assert.Equal(-1, killed.ExitCode);
        Assert.Equal(1, server.CountRequests(ArchivePath));
        var work = Assert.Single(EntriesIn(project));
        Assert.StartsWith($".archive-{archive.Sha256[..12]}.", work, StringComparison.Ordinal);
        Assert.Empty(ManagedBuildsIn(project));

        server.Add(ArchivePath, archive.Bytes);
        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("Waiting for another build", build.Output, StringComparison.Ordinal);
        Assert.Equal(2, server.CountRequests(ArchivePath));
        Assert.Equal([BuildFolderName], EntriesIn(project));
        await AssertRunsFromManagedBuildAsync(project, BuildHome(project));
    }

    [RelocatablePythonFact]
    public async Task An_archive_url_nobody_answers_fails_with_M1E100_saying_how_to_go_on_without_it()
    {
        using var project = await TestProject.CreateAsync();
        var closed = $"http://127.0.0.1:{StaticFileServer.ClosedLoopbackPort()}/python-mirror/{archive.FileNameFor(PythonBuildStandaloneArchive.PlatformTriple, BuildTag)}";
        project.WriteEnvProject(Declaration(closed));

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E100: M1Env could not get a managed CPython: http://127.0.0.1:", failed.Output, StringComparison.Ordinal);
        Assert.Contains("Check M1EnvPythonArchive, or install a CPython of the declared version on this machine.", failed.Output, StringComparison.Ordinal);
        Assert.Contains("pyenv install", failed.Output, StringComparison.Ordinal);
        Assert.Empty(ManagedBuildsIn(project));
        Assert.False(File.Exists(Path.Combine(project.PrefixOf("demo"), "pyvenv.cfg")));
    }

    [RelocatablePythonFact]
    public async Task A_mirror_nobody_answers_fails_with_M1E100_naming_the_mirror_setting()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject($"""
            {feed.IndexProperty}
            <PropertyGroup>
              <M1EnvPythonPreference>only-managed</M1EnvPythonPreference>
              <M1EnvPythonMirror>http://127.0.0.1:{StaticFileServer.ClosedLoopbackPort()}/python-mirror/</M1EnvPythonMirror>
            </PropertyGroup>
            <ItemGroup><PythonEnv Include="demo" Python="3.11" /></ItemGroup>
            """);

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E100:", failed.Output, StringComparison.Ordinal);
        Assert.Contains("Set M1EnvPythonMirror to a folder that serves python-build-standalone's archives", failed.Output, StringComparison.Ordinal);
        Assert.Contains("pyenv install", failed.Output, StringComparison.Ordinal);
        Assert.Empty(ManagedBuildsIn(project));
    }

    [RelocatablePythonFact]
    public async Task Downloads_never_with_only_managed_and_nothing_installed_fails_with_M1E010_naming_the_setting()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject($"""
            {feed.IndexProperty}
            <PropertyGroup>
              <M1EnvPythonPreference>only-managed</M1EnvPythonPreference>
              <M1EnvPythonDownloads>never</M1EnvPythonDownloads>
            </PropertyGroup>
            <ItemGroup><PythonEnv Include="demo" Python="3.11" /></ItemGroup>
            """);

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E010:", failed.Output, StringComparison.Ordinal);
        Assert.Contains("M1EnvPythonDownloads is never, so M1Env installs no managed CPython", failed.Output, StringComparison.Ordinal);
        Assert.Contains("M1EnvPythonPreference is only-managed", failed.Output, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Empty(ManagedBuildsIn(project));
        Assert.False(File.Exists(Path.Combine(project.PrefixOf("demo"), "pyvenv.cfg")));
    }

    /// <summary>The env's python imports its package, and runs on the managed build: its base prefix, and the libpython it maps, are the build's.</summary>
    private static async Task AssertRunsFromManagedBuildAsync(TestProject project, string home)
    {
        var run = await project.RunPythonAsync(
            "demo",
            "import sys, m1_gamma; "
            + "libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'libpython' in l}); "
            + "print(m1_gamma.__version__); print(sys.base_prefix); print(sys.prefix); print(*libs, sep='\\n')");

        Assert.True(run.Succeeded, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("1.0", lines[0]);
        Assert.Equal(home, lines[1]);
        Assert.Equal(project.PrefixOf("demo"), lines[2]);
        var libraries = lines[3..];
        Assert.NotEmpty(libraries);
        Assert.All(libraries, library => Assert.StartsWith(home + Path.DirectorySeparatorChar, library, StringComparison.Ordinal));
    }

    /// <summary>The <c>home</c> line of the env's pyvenv.cfg: the folder of the interpreter it was made from.</summary>
    private static string PyvenvHome(TestProject project) =>
        File.ReadLines(Path.Combine(project.PrefixOf("demo"), "pyvenv.cfg"))
            .Select(line => line.Split('=', 2))
            .Single(parts => parts[0].Trim() == "home")[1].Trim();

    /// <summary>The names of what the tools folder's python/ holds; none where there is no such folder.</summary>
    private static string[] EntriesIn(TestProject project) =>
        Directory.Exists(PythonRoot(project))
            ? Directory.GetFileSystemEntries(PythonRoot(project)).Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>The folders under the tools folder's python/ whose name says they are whole builds (not a dot-named work folder).</summary>
    private static IEnumerable<string> ManagedBuildsIn(TestProject project) =>
        Directory.Exists(PythonRoot(project))
            ? Directory.EnumerateDirectories(PythonRoot(project)).Where(folder => !Path.GetFileName(folder).StartsWith('.'))
            : [];

    private static async Task RestoreAsync(TestProject project)
    {
        var restore = await project.DotnetAsync("restore", trace: false, []);
        Assert.True(restore.Succeeded, restore.ToString());
    }
}
