using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>An env-only project (<c>&lt;Project Sdk="M1Env.Sdk/x"&gt;</c>) built with the real dotnet, venv and pip.</summary>
public sealed class EnvProjectTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    [Fact]
    public async Task First_build_provisions_and_the_next_one_starts_no_process()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(feed.DemoEnv(
            """<PipPackage Include="m1-beta" Version="1.0" />""",
            """<PipPackage Include="M1_Gamma" Version="[1.0,2.0)" />"""));

        var first = await project.BuildAsync();
        Assert.True(first.Succeeded, first.ToString());
        Assert.Contains("Creating venv 'demo'", first.Output, StringComparison.Ordinal);
        // From the lock the build wrote first: every package at its locked version, the dependency m1-alpha included.
        Assert.Contains("Installing 3 packages into 'demo': m1-alpha==2.0, m1-beta==1.0, m1-gamma==1.0", first.Output, StringComparison.Ordinal);

        var imports = await project.RunPythonAsync("demo", "import m1_alpha, m1_beta, m1_gamma; print(m1_alpha.__version__, m1_gamma.__version__)");
        Assert.Equal("2.0 1.0", imports.Output.Trim());

        feed.Server.ClearRequests();
        var second = await project.BuildTracedAsync();
        Assert.True(second.Succeeded, second.ToString());
        Assert.Contains("every environment matches its declaration (demo)", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, feed.Server.RequestCount);
        if (second.ExecutedPrograms is { } programs)
        {
            Assert.Contains(programs, p => p.EndsWith("dotnet", StringComparison.Ordinal));
            Assert.DoesNotContain(programs, p => Path.GetFileName(p).StartsWith("python", StringComparison.Ordinal) || p.Contains("pip", StringComparison.Ordinal));
        }
        else
        {
            Assert.True(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS(), "Linux runs need strace to prove the no-op starts no process (apt-get install strace).");
        }
    }

    [Fact]
    public async Task Outputs_the_interpreter_and_one_item_per_env_on_every_build()
    {
        using var project = await TestProject.CreateAsync("envs.csproj");
        project.WriteEnvProject("""
            <ItemGroup>
              <PythonEnv Include="first" Python="3.11" />
              <PythonEnv Include="second" Python="3.11" Prefix="envs/second" />
            </ItemGroup>
            <Target Name="ShowOutputs" AfterTargets="M1EnvProvision">
              <Message Importance="high" Text="PYTHON=$(M1EnvPython)" />
              <Message Importance="high" Text="ENV=%(M1EnvProvisioned.Identity)|%(M1EnvProvisioned.Prefix)|%(M1EnvProvisioned.Python)|%(M1EnvProvisioned.SpecHash)" />
            </Target>
            """);

        var provisioning = await project.BuildAsync();
        var noOp = await project.BuildAsync();

        foreach (var build in new[] { provisioning, noOp })
        {
            Assert.True(build.Succeeded, build.ToString());
            Assert.Contains($"PYTHON={project.PythonOf("first")}", build.Output, StringComparison.Ordinal);
            Assert.Contains($"ENV=first|{project.PrefixOf("first")}|{project.PythonOf("first")}|", build.Output, StringComparison.Ordinal);
            Assert.Contains($"ENV=second|{Path.Combine(project.Directory, "envs", "second")}|", build.Output, StringComparison.Ordinal);

            // The project's output line, which the terminal logger shows as its output path.
            Assert.Contains($"envs -> {project.PrefixOf("first")}, {Path.Combine(project.Directory, "envs", "second")}", build.Output, StringComparison.Ordinal);
        }

        Assert.Equal(SpecHashes(provisioning.Output), SpecHashes(noOp.Output));
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_forgets_the_stamp_and_keeps_the_env()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-alpha" Version="1.0" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        var stamp = Path.Combine(project.PrefixOf("demo"), ".m1env", "stamp.json");
        Assert.True(File.Exists(stamp));

        var clean = await project.CleanAsync();
        Assert.True(clean.Succeeded, clean.ToString());
        Assert.False(File.Exists(stamp));
        Assert.True(File.Exists(project.PythonOf("demo")));

        var rebuild = await project.BuildAsync();
        Assert.True(rebuild.Succeeded, rebuild.ToString());
        Assert.DoesNotContain("Creating venv", rebuild.Output, StringComparison.Ordinal);
        Assert.Contains("no stamp", rebuild.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(stamp));
    }

    [Fact]
    public async Task Design_time_builds_and_disabled_builds_never_provision()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject("""<ItemGroup><PythonEnv Include="demo" Python="3.11" /></ItemGroup>""");

        var designTime = await project.DotnetAsync("msbuild", trace: false, ["-restore", "-t:M1EnvProvision", "-p:DesignTimeBuild=true"]);
        Assert.True(designTime.Succeeded, designTime.ToString());
        var disabled = await project.BuildAsync("-p:M1EnvEnabled=false");
        Assert.True(disabled.Succeeded, disabled.ToString());

        Assert.False(Directory.Exists(project.PrefixOf("demo")));
    }

    private static string[] SpecHashes(string output) =>
        output.Split('\n').Where(l => l.Contains("ENV=", StringComparison.Ordinal)).Select(l => l.Trim()[^64..]).Distinct().Order().ToArray();
}
