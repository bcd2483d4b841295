using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>'dotnet build -t:M1EnvPlan' says what the next build would do and why, and does none of it.</summary>
public sealed class PlanTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    [Fact]
    public async Task A_venv_plan_names_what_a_build_would_install_then_after_the_build_says_nothing_is_left()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-alpha" Version="1.0" />"""));

        var before = await project.DotnetAsync("build", trace: false, ["-t:M1EnvPlan"]);

        Assert.True(before.Succeeded, before.ToString());
        Assert.Contains($"M1Env plan for 'demo' (venv at {project.PrefixOf("demo")}): create it.", before.Output, StringComparison.Ordinal);
        Assert.Contains("pip install: m1-alpha==1.0", before.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.PrefixOf("demo")));
        Assert.Equal(0, feed.Server.RequestCount);

        Assert.True((await project.BuildAsync()).Succeeded);
        project.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-alpha" Version="2.0" />"""));
        var changed = await project.DotnetAsync("build", trace: false, ["-t:M1EnvPlan"]);

        Assert.Contains("change its packages.", changed.Output, StringComparison.Ordinal);
        Assert.Contains("because m1-alpha==1.0 changed to m1-alpha==2.0", changed.Output, StringComparison.Ordinal);
        Assert.Equal("1.0", (await project.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());

        project.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-alpha" Version="1.0" />"""));
        var same = await project.DotnetAsync("build", trace: false, ["-t:M1EnvPlan"]);
        Assert.Contains("nothing to do; it matches its declaration.", same.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conda_env_plan_needs_no_conda_and_writes_nothing()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject("""
            <PropertyGroup><M1EnvCondaExe>/nonexistent/conda</M1EnvCondaExe></PropertyGroup>
            <ItemGroup>
              <CondaEnv Include="ml-m1" Python="3.11" />
              <CondaPackage Include="numpy" Version="1.26.4" />
              <CondaPackage Include="pandas;scikit-learn" />
              <PipPackage Include="tensorflow" Version="2.16.1" />
            </ItemGroup>
            """);

        var plan = await project.DotnetAsync("build", trace: false, ["-t:M1EnvPlan"]);

        Assert.True(plan.Succeeded, plan.ToString());
        Assert.Contains($"M1Env plan for 'ml-m1' (conda env at {project.PrefixOf("ml-m1")}): create it.", plan.Output, StringComparison.Ordinal);
        Assert.Contains("conda install: python 3.11.*, numpy==1.26.4, pandas, scikit-learn (channels: conda-forge)", plan.Output, StringComparison.Ordinal);
        Assert.Contains("pip install: tensorflow==2.16.1", plan.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Directory, ".m1env")));
    }
}
