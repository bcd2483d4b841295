using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// CondaEnv with a real conda (M1ENV_TEST_CONDA) and a real 'dotnet build', against a conda channel
/// the test builds: python 3.11 and pip repacked from a relocatable CPython, and small noarch
/// packages (pkga 1.0 and 2.0, pkgb needing pkga, pkgc) whose one file says their version.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RealCondaTests : IDisposable
{
    private readonly TempDirectory work = new("m1env-real-conda");
    private readonly PackageFeed feed = new();

    public void Dispose()
    {
        feed.Dispose();
        work.Dispose();
    }

    private async Task<CondaChannel> ChannelAsync() => (await CondaTestChannel.CreateAsync(work.Combine("channel"))).Build();

    private async Task<TestProject> ProjectAsync()
    {
        var project = await TestProject.CreateAsync();
        foreach (var (name, value) in CondaTestEnvironment.IsolatedState(work.Combine("conda")))
        {
            project.ExtraEnvironment[name] = value;
        }
        return project;
    }

    private string Declaration(CondaChannel channel, string conda, string python = "3.11") => $"""
        <PropertyGroup>
          <M1EnvCondaExe>{CondaTestEnvironment.RequireExecutable()}</M1EnvCondaExe>
          <M1EnvPipIndexUrl>{feed.IndexUrl}</M1EnvPipIndexUrl>
        </PropertyGroup>
        <ItemGroup>
          <CondaEnv Include="demo" Python="{python}" Channels="{channel.Url}" />
          {conda}
          <PipPackage Include="m1-alpha" Version="1.0" />
        </ItemGroup>
        """;

    private static string Marker(TestProject project, string package) =>
        Path.Combine(project.PrefixOf("demo"), CondaChannelBuilder.MarkerPath(package));

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    [CondaFact]
    [Trait("Category", CondaTestEnvironment.SmokeCategory)]
    public async Task A_conda_env_is_made_kept_and_changed_by_delta_and_a_bad_change_leaves_it_working()
    {
        var channel = await ChannelAsync();
        using var project = await ProjectAsync();

        // Made: locked first (conda's dry run), then one conda create from the lock, then the env's pip.
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkga" Version="1.0" />"""));
        var created = await project.BuildAsync();
        Assert.True(created.Succeeded, created.ToString());
        Assert.Contains($"Using {CondaTestEnvironment.ToolName} ", created.Output, StringComparison.Ordinal);
        Assert.Contains("Creating conda env 'demo'", created.Output, StringComparison.Ordinal);
        Assert.Equal("pkga 1.0", Read(Marker(project, "pkga")));
        var check = await project.RunPythonAsync("demo", "import sys, m1_alpha; print(sys.prefix == sys.base_prefix, sys.version_info[:2] == (3, 11), m1_alpha.__version__)");
        Assert.Equal("True True 1.0", check.Output.Trim());

        // Its pip packages are locked too, by its own Python, around what conda installed (pip among them).
        var pipLock = File.ReadAllText(Path.Combine(project.Directory, "pylock.demo.toml"));
        Assert.Contains("name = \"m1-alpha\"", pipLock, StringComparison.Ordinal);
        Assert.DoesNotContain("name = \"pip\"", pipLock, StringComparison.Ordinal);
        Assert.Contains("Installing 1 package into 'demo': m1-alpha==1.0", created.Output, StringComparison.Ordinal);

        // Nothing changed: no process at all, conda included.
        var noOp = await project.BuildTracedAsync();
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
        ProcessAssertions.StartedNoPython(noOp);

        // A changed pin: the lock moves that package alone, and conda installs the lock without solving; pip's package stays.
        var pythonRecord = Directory.GetFiles(Path.Combine(project.PrefixOf("demo"), "conda-meta"), "python-3.11*.json").Single();
        var pythonLinkedAt = File.GetLastWriteTimeUtc(pythonRecord);
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkga" Version="2.0" />"""));
        var changed = await project.BuildAsync();
        Assert.True(changed.Succeeded, changed.ToString());
        Assert.Contains("The conda lock demo.linux-64.conda-lock.txt changed: ~ pkga 1.0=0 -> 2.0=0.", changed.Output, StringComparison.Ordinal);
        Assert.Contains("Installing 1 package into conda env 'demo' from its lock demo.linux-64.conda-lock.txt: pkga 2.0 0", changed.Output, StringComparison.Ordinal);
        Assert.Matches(@"/pkga-2\.0-0\.tar\.bz2#[0-9a-f]{32}\n# sha256:[0-9a-f]{64}\n", File.ReadAllText(Path.Combine(project.Directory, "demo.linux-64.conda-lock.txt")));
        Assert.DoesNotContain("Creating conda env", changed.Output, StringComparison.Ordinal);
        Assert.Equal("pkga 2.0", Read(Marker(project, "pkga")));
        // Only the change is linked: the env's Python stays as it was.
        Assert.Equal(pythonLinkedAt, File.GetLastWriteTimeUtc(pythonRecord));
        // One record per package afterwards: libmamba's explicit install leaves the old one, which M1Env removes.
        Assert.Equal(["pkga-2.0-0.json"], Directory.GetFiles(Path.Combine(project.PrefixOf("demo"), "conda-meta"), "pkga-*.json").Select(Path.GetFileName));
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
        Assert.Equal("1.0", (await project.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());

        // pkga undeclared but needed by pkgb: kept; pkgc added then removed: conda removes it.
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkgb;pkgc" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkgb" />"""));
        var removed = await project.BuildAsync();
        Assert.True(removed.Succeeded, removed.ToString());
        Assert.Contains("Removing 1 package from conda env 'demo': pkgc", removed.Output, StringComparison.Ordinal);
        Assert.Null(Read(Marker(project, "pkgc")));
        Assert.Equal("pkga 2.0", Read(Marker(project, "pkga")));

        // A file of a conda package deleted by hand: found on disk and reinstalled at its own version.
        File.Delete(Marker(project, "pkgb"));
        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        Assert.True(repaired.Output.Contains("conda: pkgb 1.0 is damaged", StringComparison.Ordinal), repaired.ToString());
        Assert.Equal("pkgb 1.0", Read(Marker(project, "pkgb")));

        // A Python the channel does not have: conda's own words, a coded error, and the env still works.
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkgb" />""", python: "3.12"));
        var failed = await project.BuildAsync();
        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E055:", failed.Output, StringComparison.Ordinal);
        Assert.Contains("python 3.12.*", failed.Output, StringComparison.Ordinal);
        Assert.Matches(@"error M1E055: \w+ could not find python[ =]+3\.12", failed.Output);
        Assert.Equal("pkgb 1.0", Read(Marker(project, "pkgb")));
        Assert.Equal("1.0", (await project.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());
    }

    [CondaFact]
    public async Task A_build_killed_while_conda_creates_the_env_is_repaired_by_the_next()
    {
        var channel = await ChannelAsync();
        using var project = await ProjectAsync();
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkgb" />"""));

        var killed = await project.DotnetAsync("build", trace: false, [], killWhen: line => line.Contains("Creating conda env 'demo'", StringComparison.Ordinal));
        Assert.False(killed.Succeeded, killed.ToString());

        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        Assert.Equal("pkga 2.0", Read(Marker(project, "pkga")));
        Assert.Equal("1.0", (await project.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [CondaFact]
    public async Task The_plan_of_a_changed_conda_env_names_the_spec_and_changes_nothing()
    {
        var channel = await ChannelAsync();
        using var project = await ProjectAsync();
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkga" Version="1.0" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);

        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkga" Version="2.0" /><CondaPackage Include="pkgc" />"""));
        var plan = await project.DotnetAsync("build", trace: TracedCommand.CanTrace, ["-t:M1EnvPlan"]);

        Assert.True(plan.Succeeded, plan.ToString());
        Assert.Contains("conda install: pkga==2.0, pkgc (channels: ", plan.Output, StringComparison.Ordinal);
        Assert.Equal("pkga 1.0", Read(Marker(project, "pkga")));
        ProcessAssertions.StartedNoPython(plan);
    }

    [CondaFact]
    public async Task A_named_env_lives_in_the_envs_folder_of_its_conda_and_its_no_op_build_starts_nothing()
    {
        var channel = await ChannelAsync();
        using var project = await ProjectAsync();

        // A conda install as Miniforge lays it out: <root>/bin/conda beside <root>/conda-meta.
        var root = work.CreateSubdirectory("miniforge3");
        File.WriteAllText(Path.Combine(work.CreateSubdirectory("miniforge3/conda-meta"), "history"), string.Empty);
        var conda = Path.Combine(work.CreateSubdirectory("miniforge3/bin"), "conda");
        File.WriteAllText(conda, $"#!/bin/sh\nexec '{CondaTestEnvironment.RequireExecutable()}' \"$@\"\n");
        File.SetUnixFileMode(conda, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        project.WriteEnvProject($"""
            <PropertyGroup><M1EnvCondaExe>{conda}</M1EnvCondaExe></PropertyGroup>
            <ItemGroup>
              <CondaEnv Include="ml-m1" Python="3.11" Channels="{channel.Url}" Named="true" />
              <CondaPackage Include="pkgb" />
            </ItemGroup>
            """);

        var created = await project.BuildAsync();
        Assert.True(created.Succeeded, created.ToString());
        var prefix = Path.Combine(root, "envs", "ml-m1");
        Assert.Equal("pkgb 1.0", Read(Path.Combine(prefix, CondaChannelBuilder.MarkerPath("pkgb"))));
        Assert.False(Directory.Exists(Path.Combine(project.Directory, ".m1env", "ml-m1")));
        Assert.True(File.Exists(Path.Combine(project.Directory, ".m1env", ".named", "ml-m1.build.key")));

        var noOp = await project.BuildTracedAsync();
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
        ProcessAssertions.StartedNoPython(noOp);

        // A hand edit inside the named env is seen from the project.
        File.Delete(Path.Combine(prefix, CondaChannelBuilder.MarkerPath("pkgb")));
        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        Assert.Equal("pkgb 1.0", Read(Path.Combine(prefix, CondaChannelBuilder.MarkerPath("pkgb"))));
    }
}
