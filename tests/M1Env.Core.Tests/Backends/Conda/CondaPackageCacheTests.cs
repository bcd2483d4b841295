using System.Formats.Tar;
using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Inspection;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;
using M1Env.Testing;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>
/// The package cache conda installs use, M1Env's own in the tools folder, with a real conda
/// (M1ENV_TEST_CONDA) and a channel served over loopback HTTP, so every download is counted.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CondaPackageCacheTests : IDisposable
{
    private static readonly string[] Specs = ["python 3.11.*", "pkgb"];

    private readonly TempDirectory work = new("m1env-conda-pkgs");
    private readonly RecordingProvisionLog log = new();
    private readonly StaticFileServer server = StaticFileServer.Start();

    public void Dispose()
    {
        server.Dispose();
        work.Dispose();
    }

    /// <summary>
    /// The real conda as one agent has it: a root prefix and default package cache of its own (as its
    /// own HOME would give it), so only the cache M1Env names can carry packages from one agent to the other.
    /// </summary>
    private CondaTool Tool(string agent)
    {
        var real = CondaTestEnvironment.RequireExecutable();
        var script = Path.Combine(work.CreateSubdirectory(agent + "/bin"), Path.GetFileName(real));
        var state = CondaTestEnvironment.IsolatedState(work.Combine(agent, "conda-state"));
        var root = state["MAMBA_ROOT_PREFIX"];
        File.WriteAllText(script, $"#!/bin/sh\nexport CONDA_OFFLINE=false\nexport CONDA_PKGS_DIRS=\"${{CONDA_PKGS_DIRS:-{state["CONDA_PKGS_DIRS"]}}}\"\nexport MAMBA_ROOT_PREFIX='{root}'\nexec '{real}' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var version = CondaVersion.Parse(ExternalCommand.RunAsync(real, ["--version"]).GetAwaiter().GetResult().StandardOutput, real)
            ?? throw new InvalidOperationException($"{real} printed no version for --version.");
        return new CondaTool(script, version.Flavor, version.Version, null);
    }

    private CondaClient Installer(CondaTool tool, string toolsDirectory) =>
        new(new ProcessRunner(log), log, tool, new CondaSettings(null, Bootstrap: false, toolsDirectory).PackageCache, Path.Combine(toolsDirectory, "locks"), TimeSpan.FromMinutes(5));

    /// <summary>The test channel, served over HTTP: conda copies a <c>file://</c> package without a request to count.</summary>
    private async Task<string> ServedChannelAsync()
    {
        var channel = (await CondaTestChannel.CreateAsync(work.Combine("channel"), pkgbNeeds: "pkga >=1.0")).Build();
        foreach (var file in Directory.GetFiles(channel.Root, "*", SearchOption.AllDirectories))
        {
            server.Add(Path.GetRelativePath(channel.Root, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }

        return server.BaseUrl.TrimEnd('/');
    }

    [CondaFact]
    public async Task An_env_made_from_a_lock_with_a_restored_tools_folder_at_another_path_downloads_nothing()
    {
        var tool = Tool("agent-a");
        var resolver = new CondaLockResolver(new ProcessRunner(log), log, tool, work.Combine("resolve-cache"));
        var condaLock = await resolver.ResolveAsync("demo", [await ServedChannelAsync()], Specs, LockPlatform.Parse(CondaSubdir.Current), CancellationToken.None);
        var lockFile = work.Combine("clone-a", CondaLock.FileName("demo", condaLock.Subdir));
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        CondaLockWriter.WriteFile(condaLock, lockFile);

        // Agent A: the env from the lock; every package is downloaded into the tools folder's cache.
        var toolsA = work.CreateSubdirectory("agent-a/tools");
        server.ClearRequests();
        await Installer(tool, toolsA).CreateFromLockAsync("demo", work.Combine("clone-a", "env"), lockFile, CancellationToken.None);
        Assert.Equal(condaLock.Packages.Count, server.Requests.Count(r => r.Path.EndsWith(".tar.bz2", StringComparison.Ordinal) || r.Path.EndsWith(".conda", StringComparison.Ordinal)));
        // libmamba 2 files a package under its channel's URL (conda-pkgs/http/127.0.0.1_PORT/noarch/...), conda directly.
        var cached = Directory.GetDirectories(Path.Combine(toolsA, "conda-pkgs"), "*", SearchOption.AllDirectories)
            .Where(folder => File.Exists(Path.Combine(folder, "info", "repodata_record.json")))
            .Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.Subset(condaLock.Packages.Select(p => p.DistName).ToHashSet(StringComparer.Ordinal), cached);

        // The tools folder as a CI cache saves it, restored at another path.
        var archive = work.Combine("tools.tar");
        await TarFile.CreateFromDirectoryAsync(toolsA, archive, includeBaseDirectory: false);
        var toolsB = work.CreateSubdirectory("agent-b/tools");
        await TarFile.ExtractToDirectoryAsync(archive, toolsB, overwriteFiles: false);

        // Agent B: another clone, another prefix, the same lock: nothing is fetched.
        var cloneB = work.CreateSubdirectory("clone-b");
        var lockB = Path.Combine(cloneB, Path.GetFileName(lockFile));
        File.Copy(lockFile, lockB);
        var prefixB = Path.Combine(cloneB, "env");
        server.ClearRequests();
        await Installer(Tool("agent-b"), toolsB).CreateFromLockAsync("demo", prefixB, lockB, CancellationToken.None);

        Assert.Empty(server.Requests);
        var installed = CondaMetaReader.Read(prefixB, verifyFiles: true);
        Assert.Empty(installed.Unreadable);
        Assert.Equal(
            condaLock.Packages.Select(p => (p.Name, p.Version, p.Build)).Order(),
            installed.Select(p => (p.Name, p.Version, p.Build)).Order());
        Assert.All(installed, p => Assert.Empty(p.MissingFiles));
        Assert.Equal("pkga 2.0", File.ReadAllText(Path.Combine(prefixB, CondaChannelBuilder.MarkerPath("pkga"))).Trim());
        var python = await ExternalCommand.RunAsync(Path.Combine(prefixB, "bin", "python"), ["-c", "import sys; print(sys.prefix)"]);
        Assert.Equal(prefixB, python.StandardOutput.Trim());
    }
}
