using System.Text.RegularExpressions;
using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// A venv's PEP 751 lock through real builds, real pip and a loopback index: written, read back,
/// reproduced elsewhere, held against a newer index, refused in locked mode, checked against its
/// hashes, shrunk with the declaration, written for another platform, and kept free of credentials.
/// </summary>
public sealed partial class LockTests : IDisposable
{
    private readonly TempDirectory wheels = new("m1env-lock-wheels");
    private readonly PackageIndexServer index;
    private readonly Dictionary<string, BuiltWheel> built = new(StringComparer.Ordinal);

    public LockTests()
    {
        Add(WheelBuilder.Build(wheels.Path, "m1-alpha", "1.0"));
        Add(WheelBuilder.Build(wheels.Path, "m1-beta", "1.0", ["m1-alpha>=1.0"]));
        Add(WheelBuilder.Build(wheels.Path, "m1-gamma", "1.0"));
        index = PackageIndexServer.Start(wheels.Path);
    }

    public void Dispose()
    {
        index.Dispose();
        wheels.Dispose();
    }

    [GeneratedRegex(@"://[^/@\s]*@")]
    private static partial Regex UserInfo();

    private void Add(BuiltWheel wheel) => built[wheel.FileName] = wheel;

    private string Declaration(string indexUrl, string properties, params string[] items) => $"""
        <PropertyGroup><M1EnvPipIndexUrl>{indexUrl}</M1EnvPipIndexUrl>{properties}</PropertyGroup>
        <ItemGroup>
          <PythonEnv Include="demo" Python="3.11" />
          {string.Join(Environment.NewLine, items)}
        </ItemGroup>
        """;

    private string Declaration(params string[] items) => Declaration(index.IndexUrl, string.Empty, items);

    private static string LockPath(TestProject project) => Path.Combine(project.Directory, "pylock.demo.toml");

    /// <summary>name version of every distribution in the env's site-packages, from its dist-info folders.</summary>
    private static string[] Installed(TestProject project) =>
        Directory.GetDirectories(Path.Combine(project.PrefixOf("demo"), "lib"), "*.dist-info", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Select(folder => folder[..^".dist-info".Length])
            .Select(stem => $"{stem[..stem.LastIndexOf('-')].Replace('_', '-')} {stem[(stem.LastIndexOf('-') + 1)..]}")
            .Where(package => package.StartsWith("m1-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>A project whose env 'demo' was built with m1-beta (and so m1-alpha), its lock written.</summary>
    private async Task<TestProject> BuiltWithBetaAsync()
    {
        var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta" />"""));
        var built = await project.BuildAsync();
        Assert.True(built.Succeeded, built.ToString());
        return project;
    }

    /// <summary>A wheel's line of <see cref="ReadWithTomllibAsync"/>, served by the test index, with no marker.</summary>
    private string TomllibLine(string name, string version, string fileName) =>
        $"{name} {version} {fileName} {index.BaseUrl}files/{fileName} {built[fileName].Sha256} -";

    /// <summary>The lock as Python's own TOML reader sees it: the PEP 751 keys, then one line per file.</summary>
    private static async Task<string[]> ReadWithTomllibAsync(TestProject project)
    {
        const string Script = """
            import sys, tomllib
            lock = tomllib.load(open(sys.argv[1], 'rb'))
            print(lock['lock-version'], lock['created-by'], len(lock['environments']))
            for p in lock['packages']:
                for w in p.get('wheels', []):
                    print(p['name'], p['version'], w['name'], w.get('url') or w.get('path'), w['hashes']['sha256'], p.get('marker', '-'))
            """;
        var read = await TracedCommand.RunAsync(project.PythonOf("demo"), ["-c", Script, LockPath(project)], project.Directory, new Dictionary<string, string?>());
        Assert.True(read.Succeeded, read.ToString());
        return read.Output.Trim().Split('\n');
    }

    [Fact]
    public async Task A_lock_is_standard_reproducible_and_holds_its_versions_against_a_newer_index()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta" />"""));
        var first = await project.BuildAsync();
        Assert.True(first.Succeeded, first.ToString());
        Assert.Contains("The lock pylock.demo.toml changed: + m1-alpha 1.0, + m1-beta 1.0.", first.Output, StringComparison.Ordinal);

        // PEP 751 as Python's TOML reader sees it: every file with its URL and the sha256 of what the index serves.
        var lines = await ReadWithTomllibAsync(project);
        Assert.Equal("1.0 m1env 1", lines[0]);
        Assert.Equal(
            [
                TomllibLine("m1-alpha", "1.0", "m1_alpha-1.0-py3-none-any.whl"),
                TomllibLine("m1-beta", "1.0", "m1_beta-1.0-py3-none-any.whl"),
            ],
            lines[1..]);

        // Resolved again from nothing, the same inputs give the same bytes.
        var written = File.ReadAllBytes(LockPath(project));
        var relocked = await project.DotnetAsync("build", trace: false, ["-t:M1EnvLock"]);
        Assert.True(relocked.Succeeded, relocked.ToString());
        Assert.Equal(written, File.ReadAllBytes(LockPath(project)));

        // The index gains m1-alpha 2.0; another folder with the lock and an empty pip cache still gets 1.0, without resolving.
        Add(WheelBuilder.Build(wheels.Path, "m1-alpha", "2.0"));
        index.AddWheel(built["m1_alpha-2.0-py3-none-any.whl"].Path);
        using var other = await TestProject.CreateAsync();
        other.ExtraEnvironment["PIP_NO_CACHE_DIR"] = "1";
        File.Copy(LockPath(project), LockPath(other));
        other.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta" />"""));
        var reproduced = await other.BuildAsync();
        Assert.True(reproduced.Succeeded, reproduced.ToString());
        Assert.DoesNotContain("Resolving the lock", reproduced.Output, StringComparison.Ordinal);
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0"], Installed(other));
        Assert.Equal(Installed(project), Installed(other));
        Assert.Equal(written, File.ReadAllBytes(LockPath(other)));

        // M1EnvFrozen installs the lock as it is although the declaration moved on; locked mode names the difference.
        other.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta;m1-gamma" />"""));
        var frozen = await other.BuildAsync("-p:M1EnvFrozen=true");
        Assert.True(frozen.Succeeded, frozen.ToString());
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0"], Installed(other));
        var locked = await other.BuildAsync("-p:M1EnvLockedMode=true");
        Assert.False(locked.Succeeded, locked.ToString());
        Assert.Contains("error M1E061:", locked.Output, StringComparison.Ordinal);
        Assert.Contains("m1-gamma is declared but not in the lock", locked.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllBytes(LockPath(other)));
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0"], Installed(other));
    }

    [Fact]
    public async Task A_removed_package_takes_what_only_it_needed_from_the_env_and_the_lock()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta;m1-gamma" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0", "m1-gamma 1.0"], Installed(project));

        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-gamma" />"""));
        var removed = await project.BuildAsync();

        Assert.True(removed.Succeeded, removed.ToString());
        Assert.Contains("The lock pylock.demo.toml changed: - m1-alpha 1.0, - m1-beta 1.0.", removed.Output, StringComparison.Ordinal);
        Assert.Equal(["m1-gamma 1.0"], Installed(project));
        Assert.DoesNotContain("m1-alpha", File.ReadAllText(LockPath(project)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_pin_is_one_pip_run_that_installs_and_locks_and_a_removal_resolves_nothing()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta;m1-gamma" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        Add(WheelBuilder.Build(wheels.Path, "m1-alpha", "2.0"));
        index.AddWheel(built["m1_alpha-2.0-py3-none-any.whl"].Path);

        // The pin moves: pip installs it into the env, and its report is the lock's resolution.
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta;m1-gamma" /><PipPackage Include="m1-alpha" Version="2.0" />"""));
        var pinned = await project.BuildTracedAsync();
        Assert.True(pinned.Succeeded, pinned.ToString());
        Assert.Contains("Installing the change into 'demo'", pinned.Output, StringComparison.Ordinal);
        Assert.Contains("The lock pylock.demo.toml changed: ~ m1-alpha 1.0 -> 2.0.", pinned.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Resolving the lock", pinned.Output, StringComparison.Ordinal);
        if (pinned.ExecutedPrograms is { } programs)
        {
            Assert.Equal([project.PythonOf("demo")], programs.Where(p => Path.GetFileName(p).StartsWith("python", StringComparison.Ordinal)));
        }

        Assert.Equal(["m1-alpha 2.0", "m1-beta 1.0", "m1-gamma 1.0"], Installed(project));
        Assert.Contains(built["m1_alpha-2.0-py3-none-any.whl"].Sha256, File.ReadAllText(LockPath(project)), StringComparison.Ordinal);
        ProcessAssertions.StartedNoPython(await project.BuildTracedAsync());

        // The lock written that way is whole: another folder installs exactly the same from it.
        using var other = await TestProject.CreateAsync();
        File.Copy(LockPath(project), LockPath(other));
        other.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta;m1-gamma" /><PipPackage Include="m1-alpha" Version="2.0" />"""));
        var reproduced = await other.BuildAsync("-p:M1EnvLockedMode=true");
        Assert.True(reproduced.Succeeded, reproduced.ToString());
        Assert.Equal(Installed(project), Installed(other));

        // Removing packages needs no resolution and no pip: the lock's dependencies say what goes with them, their RECORDs what to delete.
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-gamma" />"""));
        var removed = await project.BuildTracedAsync();
        Assert.True(removed.Succeeded, removed.ToString());
        Assert.Contains("The lock pylock.demo.toml changed: - m1-alpha 2.0, - m1-beta 1.0.", removed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Resolving the lock", removed.Output, StringComparison.Ordinal);
        ProcessAssertions.StartedNoPython(removed);

        Assert.Equal(["m1-gamma 1.0"], Installed(project));
        Assert.False(Directory.Exists(Path.Combine(project.PrefixOf("demo"), "lib", "python3.11", "site-packages", "m1_beta")));
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("m1-beta", File.ReadAllText(LockPath(project)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_back_to_a_lock_installed_before_replaces_the_version_by_linking_without_a_python_process()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-alpha" Version="1.0" /><PipPackage Include="m1-gamma" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        var (firstProject, firstLock) = (File.ReadAllText(project.ProjectPath), File.ReadAllText(LockPath(project)));
        Add(WheelBuilder.Build(wheels.Path, "m1-alpha", "2.0"));
        index.AddWheel(built["m1_alpha-2.0-py3-none-any.whl"].Path);
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-alpha" Version="2.0" /><PipPackage Include="m1-gamma" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        var (secondProject, secondLock) = (File.ReadAllText(project.ProjectPath), File.ReadAllText(LockPath(project)));

        // As a checkout of the branch before the pin moved would: both files back.
        foreach (var (projectText, lockText, version) in new[] { (firstProject, firstLock, "1.0"), (secondProject, secondLock, "2.0") })
        {
            File.WriteAllText(project.ProjectPath, projectText);
            File.WriteAllText(LockPath(project), lockText);
            var switched = await project.BuildTracedAsync();

            Assert.True(switched.Succeeded, switched.ToString());
            Assert.Contains($"Linked 1 package as installed before from {Path.Combine(project.ToolsDirectory, "installs")}: m1-alpha=={version}.", switched.Output, StringComparison.Ordinal);
            ProcessAssertions.StartedNoPython(switched);
            Assert.Equal([$"m1-alpha {version}", "m1-gamma 1.0"], Installed(project));
            Assert.Equal(lockText, File.ReadAllText(LockPath(project)));
        }

        var frozen = await TracedCommand.RunAsync(project.PythonOf("demo"), ["-m", "pip", "freeze"], project.Directory, new Dictionary<string, string?>());
        Assert.Contains($"m1-alpha @ {index.BaseUrl}files/m1_alpha-2.0-py3-none-any.whl", frozen.Output, StringComparison.Ordinal);
        Assert.Contains("No broken requirements", (await TracedCommand.RunAsync(project.PythonOf("demo"), ["-m", "pip", "check"], project.Directory, new Dictionary<string, string?>())).Output, StringComparison.Ordinal);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_killed_while_installing_a_change_in_place_is_repaired_by_the_next_one()
    {
        using var project = await BuiltWithBetaAsync();
        var lockBefore = File.ReadAllBytes(LockPath(project));

        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta;m1-gamma" />"""));
        var killed = await project.DotnetAsync("build", trace: false, [], killWhen: line => line.Contains("Installing the change into 'demo'", StringComparison.Ordinal));
        Assert.False(killed.Succeeded, killed.ToString());
        // The env was marked before pip touched it: no no-op key, and the lock was not written yet.
        Assert.False(File.Exists(Path.Combine(project.PrefixOf("demo"), ".m1env", "build.key")));
        Assert.Equal(lockBefore, File.ReadAllBytes(LockPath(project)));

        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0", "m1-gamma 1.0"], Installed(project));
        Assert.Contains("+ m1-gamma 1.0", repaired.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_env_without_a_lock_is_resolved_by_the_pip_run_that_installs_it()
    {
        using var project = await BuiltWithBetaAsync();
        var written = File.ReadAllBytes(LockPath(project));

        // A machine that made an env before keeps its pip; a new env then needs no dry run to lock.
        Directory.Delete(project.PrefixOf("demo"), recursive: true);
        File.Delete(LockPath(project));
        var first = await project.BuildTracedAsync();

        Assert.True(first.Succeeded, first.ToString());
        Assert.Contains("Installing the packages of 'demo', which also resolves its lock", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Resolving the lock", first.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllBytes(LockPath(project)));
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0"], Installed(project));
        if (first.ExecutedPrograms is { } programs)
        {
            // The env's own python ran once, for pip: its hand-off came with the base interpreter's probe.
            Assert.Equal(1, programs.Count(p => p == project.PythonOf("demo")));
        }

        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_env_from_its_lock_is_copied_and_linked_from_what_an_earlier_env_made_without_a_python_process()
    {
        using var project = await BuiltWithBetaAsync();
        Directory.Delete(project.PrefixOf("demo"), recursive: true);

        var fresh = await project.BuildTracedAsync();

        Assert.True(fresh.Succeeded, fresh.ToString());
        Assert.Contains("Linked 2 packages as installed before", fresh.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Installing", fresh.Output, StringComparison.Ordinal);
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0"], Installed(project));
        if (fresh.ExecutedPrograms is { } programs)
        {
            // The interpreter's answers, the venv and the installs are all kept from the first build.
            Assert.DoesNotContain(programs, p => Path.GetFileName(p).StartsWith("python", StringComparison.Ordinal));
        }

        var listed = await TracedCommand.RunAsync(project.PythonOf("demo"), ["-m", "pip", "list", "--format=freeze"], project.Directory, new Dictionary<string, string?>());
        Assert.True(listed.Succeeded, listed.ToString());
        Assert.Contains("m1-beta==1.0", listed.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_to_an_env_whose_pip_was_uninstalled_by_hand_puts_pip_back()
    {
        using var project = await BuiltWithBetaAsync();
        var uninstalled = await TracedCommand.RunAsync(project.PythonOf("demo"), ["-m", "pip", "uninstall", "-y", "pip"], project.Directory, new Dictionary<string, string?>());
        Assert.True(uninstalled.Succeeded, uninstalled.ToString());

        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-beta;m1-gamma" />"""));
        var changed = await project.BuildAsync();

        Assert.True(changed.Succeeded, changed.ToString());
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0", "m1-gamma 1.0"], Installed(project));
        Assert.True((await project.RunPythonAsync("demo", "import pip")).Succeeded);
    }

    [Fact]
    public async Task A_hash_that_does_not_match_fails_with_its_code_installs_nothing_and_the_env_keeps_working()
    {
        Add(WheelBuilder.Build(wheels.Path, "m1-alpha", "2.0"));
        index.AddWheel(built["m1_alpha-2.0-py3-none-any.whl"].Path);
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-alpha" Version="2.0" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        var lockFor2 = File.ReadAllText(LockPath(project));
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-alpha" Version="1.0" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);

        // A teammate's lock for 2.0 whose hash is not that of the file the index serves.
        var tampered = lockFor2.Replace(built["m1_alpha-2.0-py3-none-any.whl"].Sha256, new string('0', 64), StringComparison.Ordinal);
        File.WriteAllText(LockPath(project), tampered);
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-alpha" Version="2.0" />"""));
        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded, failed.ToString());
        Assert.Contains("error M1E062:", failed.Output, StringComparison.Ordinal);
        Assert.Equal(["m1-alpha 1.0"], Installed(project));
        Assert.Equal("1.0", (await project.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());
        Assert.Equal(tampered, File.ReadAllText(LockPath(project)));
    }

    [Fact]
    public async Task A_lock_for_another_platform_written_here_holds_its_wheels_and_this_machine_installs_its_own()
    {
        Add(WheelBuilder.BuildTagged(wheels.Path, "m1-native", "1.0", "cp311-cp311-macosx_11_0_arm64"));
        Add(WheelBuilder.BuildTagged(wheels.Path, "m1-native", "1.0", "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"));
        foreach (var wheel in built.Values.Where(w => w.Name == "m1-native"))
        {
            index.AddWheel(wheel.Path);
        }

        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration(index.IndexUrl, "<M1EnvLockPlatforms>osx-arm64</M1EnvLockPlatforms>", """<PipPackage Include="m1-native" />"""));
        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("Resolving the lock of 'demo' for osx-arm64...", build.Output, StringComparison.Ordinal);
        var lines = await ReadWithTomllibAsync(project);
        Assert.Equal("1.0 m1env 2", lines[0]);
        Assert.Equal(
            [
                TomllibLine("m1-native", "1.0", "m1_native-1.0-cp311-cp311-macosx_11_0_arm64.whl"),
                TomllibLine("m1-native", "1.0", "m1_native-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
            ],
            lines[1..].Order(StringComparer.Ordinal));
        var tag = await project.RunPythonAsync("demo", "import importlib.metadata as m; print(m.distribution('m1-native').read_text('WHEEL').split('Tag: ')[1].split()[0])");
        Assert.Equal("cp311-cp311-manylinux_2_17_x86_64", tag.Output.Trim());
    }

    [Fact]
    public async Task Credentials_in_the_index_url_reach_neither_the_lock_nor_the_log_and_a_private_host_stays_out_of_the_lock()
    {
        var withCredentials = index.IndexUrl.Replace("http://", "http://builder:s3cr3t-t0ken@", StringComparison.Ordinal);
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration(withCredentials, "<M1EnvLockPrivateHosts>127.0.0.1</M1EnvLockPrivateHosts>", """<PipPackage Include="m1-beta" />"""));

        var build = await project.BuildAsync("-v:d");

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("s3cr3t-t0ken", build.Output, StringComparison.Ordinal);
        var lockText = File.ReadAllText(LockPath(project));
        Assert.DoesNotContain("s3cr3t-t0ken", lockText, StringComparison.Ordinal);
        Assert.DoesNotContain("builder", lockText, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", lockText, StringComparison.Ordinal);
        Assert.Matches(@"url = ""https://m1env-private-[0-9a-f]{12}\.invalid/files/m1_beta-1\.0-py3-none-any\.whl""", lockText);
        Assert.DoesNotMatch(UserInfo(), lockText);
        Assert.Equal(["m1-alpha 1.0", "m1-beta 1.0"], Installed(project));
        Assert.Contains(index.Requests, r => r.Path.EndsWith("m1_beta-1.0-py3-none-any.whl", StringComparison.Ordinal));
    }
}
