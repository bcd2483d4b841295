using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>A project's envs are made side by side: lines name their env, and one env's failure does not stop the others.</summary>
public sealed class ParallelEnvTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    private string ThreeEnvs(string third) => $"""
        {feed.IndexProperty}
        <ItemGroup>
          <PythonEnv Include="one;two;three" Python="3.11" />
          <PipPackage Include="m1-alpha" Version="1.0" Env="one" />
          <PipPackage Include="m1-gamma" Version="2.0" Env="two" />
          <PipPackage Include="{third}" Env="three" />
        </ItemGroup>
        """;

    [Fact]
    public async Task Envs_are_made_side_by_side_and_a_failing_one_is_one_coded_error_while_the_others_finish()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(ThreeEnvs(third: "m1-missing"));

        var build = await project.BuildAsync();

        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains("error M1E021: pip found no distribution for m1-missing", build.Output, StringComparison.Ordinal);
        Assert.Contains("    1 Error(s)", build.Output, StringComparison.Ordinal);
        Assert.Contains("[one] Environment 'one' is ready at", build.Output, StringComparison.Ordinal);
        Assert.Contains("[two] Environment 'two' is ready at", build.Output, StringComparison.Ordinal);
        Assert.Equal("1.0", (await project.RunPythonAsync("one", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());
        Assert.Equal("2.0", (await project.RunPythonAsync("two", "import m1_gamma; print(m1_gamma.__version__)")).Output.Trim());

        // Fixed, the next build makes only the env that failed.
        project.WriteEnvProject(ThreeEnvs(third: "m1-beta"));
        var fixedBuild = await project.BuildAsync();
        Assert.True(fixedBuild.Succeeded, fixedBuild.ToString());
        Assert.Contains("[three] Environment 'three' is ready at", fixedBuild.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[one] Installing", fixedBuild.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Envs_sharing_locked_packages_on_a_new_machine_install_each_of_them_once()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject($"""
            {feed.IndexProperty}
            <ItemGroup>
              <PythonEnv Include="one;two;three" Python="3.11" />
              {string.Join(Environment.NewLine, new[] { "one", "two", "three" }.Select(env => $"""<PipPackage Include="m1-alpha" Version="1.0" Env="{env}" /><PipPackage Include="m1-gamma" Version="2.0" Env="{env}" />"""))}
            </ItemGroup>
            """);
        Assert.True((await project.BuildAsync()).Succeeded);

        // A clone of the project, locks and all, on a machine that never installed anything.
        Directory.Delete(Path.Combine(project.Directory, ".m1env"), recursive: true);
        Directory.Delete(project.ToolsDirectory, recursive: true);
        var build = await project.BuildTracedAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("Waiting for another environment of this build, which installs m1-alpha==1.0, m1-gamma==2.0, pip", build.Output, StringComparison.Ordinal);
        // One venv process makes the venv to keep; each env is a copy of it.
        Assert.Single(build.Output.Split('\n'), line => line.Contains(" -m venv ", StringComparison.Ordinal));
        Assert.Equal(3, build.Output.Split('\n').Count(line => line.Contains("Copied the venv kept in", StringComparison.Ordinal)));
        if (build.ExecutedPrograms is { } programs)
        {
            // One env ran pip (from the interpreter's wheel, so pip went in too); the other two linked what it installed.
            var envs = new[] { "one", "two", "three" }.Select(project.PythonOf).ToArray();
            Assert.Single(programs, envs.Contains);
        }

        foreach (var env in new[] { "one", "two", "three" })
        {
            Assert.Equal("1.0 2.0", (await project.RunPythonAsync(env, "import m1_alpha, m1_gamma; print(m1_alpha.__version__, m1_gamma.__version__)")).Output.Trim());
            // Linked or installed by pip, each env lists the locked file the same way.
            Assert.Contains("m1-gamma @ http://127.0.0.1:", (await project.RunPythonAsync(env, "import subprocess, sys; print(subprocess.run([sys.executable, '-m', 'pip', 'freeze'], capture_output=True, text=True).stdout)")).Output, StringComparison.Ordinal);
        }

        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }
}
