using System.Diagnostics;
using System.Formats.Tar;
using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;
using Xunit.Abstractions;

namespace M1Env.Sdk.Tests;

/// <summary>
/// Two CI agents sharing a cache of <c>M1EnvToolsDir</c>, with real builds, real pip and a loopback
/// index: agent A (its own HOME, clone and tools folder) builds a project of two envs from its
/// committed locks and its tools folder is archived as a CI cache would; agent B (another HOME,
/// another clone, another tools path) restores the archive and builds.
/// </summary>
public sealed class CiCacheTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory wheels = new("m1env-ci-wheels");
    private readonly TempDirectory agents = new("m1env-ci-agents");
    private PackageIndexServer? index;

    public void Dispose()
    {
        index?.Dispose();
        wheels.Dispose();
        agents.Dispose();
    }

    private PackageIndexServer Index()
    {
        if (index is null)
        {
            WheelBuilder.Build(wheels.Path, "m1-alpha", "1.0");
            WheelBuilder.Build(wheels.Path, "m1-beta", "1.0", ["m1-alpha>=1.0"]);
            WheelBuilder.Build(wheels.Path, "m1-gamma", "1.0");
            index = PackageIndexServer.Start(wheels.Path);
        }

        return index;
    }

    /// <summary>The index gains m1-alpha 2.0, after the locks of m1-alpha 1.0 were written.</summary>
    private void PublishAlpha2() => Index().AddWheel(WheelBuilder.Build(wheels.Path, "m1-alpha", "2.0").Path);

    /// <summary>Env 'web' takes m1-beta (and so m1-alpha), env 'jobs' m1-gamma; <paramref name="alphaPin"/> pins m1-alpha in 'web'.</summary>
    private string Declaration(string? alphaPin = null, string extraProperties = "") => $"""
        <PropertyGroup><M1EnvPipIndexUrl>{Index().IndexUrl}</M1EnvPipIndexUrl>{extraProperties}</PropertyGroup>
        <ItemGroup>
          <PythonEnv Include="web" Python="3.11" />
          <PythonEnv Include="jobs" Python="3.11" />
          <PipPackage Include="m1-beta" Env="web" />
          {(alphaPin is null ? string.Empty : $"""<PipPackage Include="m1-alpha" Version="{alphaPin}" Env="web" />""")}
          <PipPackage Include="m1-gamma" Env="jobs" />
        </ItemGroup>
        """;

    private static readonly string[] LockFiles = ["pylock.web.toml", "pylock.jobs.toml"];

    /// <summary>The commit: the project and the locks a first build wrote, as a folder to clone from.</summary>
    private async Task<string> CommitAsync(string name, string? alphaPin = null, string extraProperties = "")
    {
        using var author = await TestProject.CreateAsync();
        author.WriteEnvProject(Declaration(alphaPin, extraProperties));
        var built = await author.BuildAsync();
        Assert.True(built.Succeeded, built.ToString());
        var commit = Directory.CreateDirectory(Path.Combine(agents.Path, name)).FullName;
        foreach (var file in LockFiles.Append(Path.GetFileName(author.ProjectPath)))
        {
            File.Copy(Path.Combine(author.Directory, file), Path.Combine(commit, file));
        }

        return commit;
    }

    /// <summary>An agent: a fresh clone of <paramref name="commit"/> with a HOME of its own; its tools folder is the project's.</summary>
    private async Task<TestProject> CloneAsync(string commit, string agent)
    {
        var clone = await TestProject.CreateAsync();
        foreach (var file in Directory.GetFiles(commit))
        {
            File.Copy(file, Path.Combine(clone.Directory, Path.GetFileName(file)), overwrite: true);
        }

        clone.ExtraEnvironment["HOME"] = Directory.CreateDirectory(Path.Combine(agents.Path, agent + "-home")).FullName;
        clone.ExtraEnvironment["XDG_CACHE_HOME"] = null;
        return clone;
    }

    private async Task<(CommandResult Build, TimeSpan Time)> TimedBuildAsync(TestProject project)
    {
        var clock = Stopwatch.StartNew();
        var build = await project.BuildTracedAsync("-p:M1EnvLockedMode=true", "-v:d");
        clock.Stop();
        Assert.True(build.Succeeded, build.ToString());
        return (build, clock.Elapsed);
    }

    /// <summary>Agent A's tools folder as a CI cache saves it, restored into agent B's tools path.</summary>
    private async Task RestoreAsync(TestProject from, TestProject to, Action<string>? damage = null)
    {
        var archive = Path.Combine(agents.Path, $"cache-{Guid.NewGuid():N}.tar");
        await TarFile.CreateFromDirectoryAsync(from.ToolsDirectory, archive, includeBaseDirectory: false);
        Extract(archive, to.ToolsDirectory);
        damage?.Invoke(to.ToolsDirectory);
    }

    /// <summary>
    /// Extracts as GNU tar does for a CI cache: a kept venv's links name the interpreter outside the
    /// folder (an absolute path), which <see cref="TarFile.ExtractToDirectory(string, string, bool)"/> refuses.
    /// </summary>
    private static void Extract(string archive, string destination)
    {
        using var reader = new TarReader(File.OpenRead(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            var path = Path.Combine(destination, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.SymbolicLink:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.CreateSymbolicLink(path, entry.LinkName);
                    break;
                default:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    entry.ExtractToFile(path, overwrite: false);
                    break;
            }
        }
    }

    /// <summary>What an env's python reports for its m1 packages: imported, then named with their versions.</summary>
    private static async Task<string> ImportedAsync(TestProject project, string env, params string[] packages)
    {
        var names = string.Join(", ", packages.Select(p => $"'{p}'"));
        var code = $"import importlib, importlib.metadata as m\nfor d in [{names}]: importlib.import_module(d.replace('-', '_'))\nprint(' '.join(d + ' ' + m.version(d) for d in [{names}]))";
        var run = await project.RunPythonAsync(env, code);
        Assert.True(run.Succeeded, run.ToString());
        return run.Output.Trim();
    }

    private void Report(string agent, TimeSpan time, CommandResult build, int requests) =>
        output.WriteLine($"{agent}: {time.TotalSeconds:F1} s, {ProcessAssertions.PythonProcesses(build)} python processes, {ProcessAssertions.PipRuns(build).Count} pip runs, {requests} index requests");

    [Fact]
    public async Task Agent_B_with_agent_As_restored_tools_folder_builds_both_envs_with_no_pip_and_no_download()
    {
        Assert.True(TracedCommand.CanTrace, "Needs strace to count processes.");
        var commit = await CommitAsync("commit");

        using var agentA = await CloneAsync(commit, "agent-a");
        Index().ClearRequests();
        var (builtA, timeA) = await TimedBuildAsync(agentA);
        Report("agent A", timeA, builtA, Index().RequestCount);
        Assert.NotEmpty(ProcessAssertions.PipRuns(builtA));

        using var agentB = await CloneAsync(commit, "agent-b");
        await RestoreAsync(agentA, agentB);
        Index().ClearRequests();
        var (builtB, timeB) = await TimedBuildAsync(agentB);
        Report("agent B", timeB, builtB, Index().RequestCount);

        Assert.Empty(ProcessAssertions.PipRuns(builtB));
        Assert.Empty(Index().Requests);
        Assert.Equal("m1-alpha 1.0 m1-beta 1.0", await ImportedAsync(agentB, "web", "m1-alpha", "m1-beta"));
        Assert.Equal("m1-gamma 1.0", await ImportedAsync(agentB, "jobs", "m1-gamma"));
    }

    [Fact]
    public async Task Agent_B_with_a_cache_of_the_older_lock_installs_only_the_moved_pin()
    {
        Assert.True(TracedCommand.CanTrace, "Needs strace to count processes.");
        var v1 = await CommitAsync("commit-v1");
        PublishAlpha2();
        var v2 = await CommitAsync("commit-v2", alphaPin: "2.0");

        using var agentA = await CloneAsync(v1, "agent-a");
        Index().ClearRequests();
        var (builtA, timeA) = await TimedBuildAsync(agentA);
        Report("agent A (lock v1)", timeA, builtA, Index().RequestCount);

        using var agentB = await CloneAsync(v2, "agent-b");
        await RestoreAsync(agentA, agentB);
        Index().ClearRequests();
        var (builtB, timeB) = await TimedBuildAsync(agentB);
        Report("agent B (lock v2)", timeB, builtB, Index().RequestCount);

        Assert.Single(ProcessAssertions.PipRuns(builtB));
        Assert.All(Index().Requests, r => Assert.Contains("m1_alpha-2.0", r.Path, StringComparison.Ordinal));
        Assert.NotEmpty(Index().Requests);
        Assert.Contains("Installing 1 package into 'web': m1-alpha==2.0", builtB.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("package into 'jobs'", builtB.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("packages into 'jobs'", builtB.Output, StringComparison.Ordinal);
        Assert.Equal("m1-alpha 2.0 m1-beta 1.0", await ImportedAsync(agentB, "web", "m1-alpha", "m1-beta"));
        Assert.Equal("m1-gamma 1.0", await ImportedAsync(agentB, "jobs", "m1-gamma"));
    }

    [Fact]
    public async Task A_kept_install_truncated_in_the_restored_cache_is_installed_by_pip_and_the_others_are_linked()
    {
        Assert.True(TracedCommand.CanTrace, "Needs strace to count processes.");
        var commit = await CommitAsync("commit");
        using var agentA = await CloneAsync(commit, "agent-a");
        await TimedBuildAsync(agentA);

        using var agentB = await CloneAsync(commit, "agent-b");
        await RestoreAsync(agentA, agentB, tools =>
        {
            var module = Directory.GetFiles(Path.Combine(tools, "installs"), "__init__.py", SearchOption.AllDirectories)
                .Single(f => f.Contains($"{Path.DirectorySeparatorChar}m1_gamma{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            using var stream = new FileStream(module, FileMode.Open);
            stream.SetLength(stream.Length / 2);
        });
        Index().ClearRequests();
        var (builtB, timeB) = await TimedBuildAsync(agentB);
        Report("agent B (m1-gamma truncated)", timeB, builtB, Index().RequestCount);

        var pip = Assert.Single(ProcessAssertions.PipRuns(builtB));
        Assert.Contains("install", pip, StringComparison.Ordinal);
        Assert.All(Index().Requests, r => Assert.Contains("m1_gamma", r.Path, StringComparison.Ordinal));
        Assert.NotEmpty(Index().Requests);
        Assert.Contains("is not the file that was kept", builtB.Output, StringComparison.Ordinal);
        Assert.Equal("m1-alpha 1.0 m1-beta 1.0", await ImportedAsync(agentB, "web", "m1-alpha", "m1-beta"));
        Assert.Equal("m1-gamma 1.0", await ImportedAsync(agentB, "jobs", "m1-gamma"));
    }

    [RelocatablePythonFact]
    public async Task Agent_B_with_a_restored_managed_CPython_at_another_path_runs_no_pip_and_downloads_nothing()
    {
        Assert.True(TracedCommand.CanTrace, "Needs strace to count processes.");
        using var server = StaticFileServer.Start();
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var managed = $"""
            <M1EnvPythonPreference>only-managed</M1EnvPythonPreference>
            <M1EnvPythonArchive>{archive.Serve(server, "20260814")}</M1EnvPythonArchive>
            <M1EnvPythonSha256>{archive.Sha256}</M1EnvPythonSha256>
            """;
        var commit = await CommitAsync("commit", extraProperties: managed);

        using var agentA = await CloneAsync(commit, "agent-a");
        Index().ClearRequests();
        server.ClearRequests();
        var (builtA, timeA) = await TimedBuildAsync(agentA);
        Report("agent A (managed CPython)", timeA, builtA, Index().RequestCount + server.Requests.Count);
        Assert.Single(server.Requests);

        using var agentB = await CloneAsync(commit, "agent-b");
        await RestoreAsync(agentA, agentB);
        Index().ClearRequests();
        server.ClearRequests();
        var (builtB, timeB) = await TimedBuildAsync(agentB);
        Report("agent B (managed CPython)", timeB, builtB, Index().RequestCount + server.Requests.Count);
        Assert.Empty(ProcessAssertions.PipRuns(builtB));
        Assert.Empty(Index().Requests);
        Assert.Empty(server.Requests);
        // The restored interpreter has another path: its two probes and one venv module run are asked again; pip never runs.
        Assert.InRange(ProcessAssertions.PythonProcesses(builtB), 1, 3);
        var python = Directory.GetDirectories(Path.Combine(agentB.ToolsDirectory, "python")).Single();
        Assert.All(ProcessAssertions.PythonPrograms(builtB), p => Assert.StartsWith(python, p, StringComparison.Ordinal));
        Assert.Equal("m1-alpha 1.0 m1-beta 1.0", await ImportedAsync(agentB, "web", "m1-alpha", "m1-beta"));
        Assert.Equal("m1-gamma 1.0", await ImportedAsync(agentB, "jobs", "m1-gamma"));
    }
}
