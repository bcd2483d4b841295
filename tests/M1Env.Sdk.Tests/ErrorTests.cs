using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>Bad input fails with its code, and the env the last good build made keeps working.</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    private string Declaration(string alphaVersion, string extra = "") =>
        feed.DemoEnv($"""<PipPackage Include="m1-alpha" Version="{alphaVersion}" />""", extra);

    [Theory]
    [InlineData("""<PipPackage Include="m1-gamma" Version="newest" />""", "M1E003", "'newest' is neither a version")]
    [InlineData("""<PipPackage Include="m1 gamma" />""", "M1E002", "'m1 gamma' is not a valid distribution name")]
    [InlineData("""<PipPackage Include="m1-gamma" Env="other" />""", "M1E005", "Env=\"other\"")]
    [InlineData("""<PythonEnv Include="second" Python="3.11" /><PipPackage Include="m1-gamma" />""", "M1E004", "add Env=")]
    [InlineData("""<PythonEnv Include="bad/name" />""", "M1E001", "'bad/name' is not a valid environment name")]
    public async Task A_bad_declaration_fails_before_any_process_and_leaves_the_env_working(string badItems, string code, string message)
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("1.0"));
        Assert.True((await project.BuildAsync()).Succeeded);
        var stampBefore = File.ReadAllText(Path.Combine(project.PrefixOf("demo"), ".m1env", "stamp.json"));

        project.WriteEnvProject(Declaration("1.0", badItems));
        feed.Server.ClearRequests();
        var failed = await project.BuildTracedAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains($"error {code}:", failed.Output, StringComparison.Ordinal);
        Assert.Contains(message, failed.Output, StringComparison.Ordinal);
        Assert.Equal(0, feed.Server.RequestCount);
        if (failed.ExecutedPrograms is { } programs)
        {
            Assert.DoesNotContain(programs, p => Path.GetFileName(p).StartsWith("python", StringComparison.Ordinal));
        }

        Assert.Equal(stampBefore, File.ReadAllText(Path.Combine(project.PrefixOf("demo"), ".m1env", "stamp.json")));
        Assert.Equal("1.0", (await project.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());
    }

    [Fact]
    public async Task A_version_the_index_lacks_fails_with_pips_own_words_and_the_env_keeps_its_packages()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("1.0"));
        Assert.True((await project.BuildAsync()).Succeeded);

        project.WriteEnvProject(Declaration("9.9"));
        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E021:", failed.Output, StringComparison.Ordinal);
        Assert.Contains("m1-alpha==9.9", failed.Output, StringComparison.Ordinal);
        Assert.Contains("the versions there are: 1.0, 2.0", failed.Output, StringComparison.Ordinal);
        Assert.Contains("| ERROR: No matching distribution found for m1-alpha==9.9", failed.Output, StringComparison.Ordinal);
        Assert.Equal("1.0", (await project.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());

        project.WriteEnvProject(Declaration("2.0"));
        var fixedBuild = await project.BuildAsync();
        Assert.True(fixedBuild.Succeeded, fixedBuild.ToString());
        Assert.Equal("2.0", (await project.RunPythonAsync("demo", "import m1_alpha; print(m1_alpha.__version__)")).Output.Trim());
    }

    [Fact]
    public async Task A_huge_package_name_is_quoted_shortened_in_the_error_and_in_pips_quoted_lines()
    {
        using var project = await TestProject.CreateAsync();
        var name = "m1-" + new string('x', 4997);
        project.WriteEnvProject(feed.DemoEnv($"""<PipPackage Include="{name}" />"""));

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E02", failed.Output, StringComparison.Ordinal);
        Assert.Contains("characters)", failed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 161), failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_matching_python_lists_where_it_looked()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject("""<ItemGroup><PythonEnv Include="demo" Python="3.99" /></ItemGroup>""");

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E010: No CPython 3.99 that can create a venv was found.", failed.Output, StringComparison.Ordinal);
        Assert.Contains("Looked in:", failed.Output, StringComparison.Ordinal);
        Assert.Contains("/usr/bin", failed.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.PrefixOf("demo")));
    }

    [Fact]
    public async Task Conflicting_pins_fail_with_pips_resolution_error()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("2.0", """<PipPackage Include="m1-delta" Version="1.0" />"""));

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        // The lock's resolution finds the conflict, before anything is made.
        Assert.Contains("error M1E020: pip found no set of versions that satisfies m1-alpha==2.0 m1-delta==1.0 together.", failed.Output, StringComparison.Ordinal);
        Assert.Contains("| $ ", failed.Output, StringComparison.Ordinal);
        Assert.Contains("ResolutionImpossible", failed.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project.PrefixOf("demo"), ".m1env", "build.key")));
    }

    [Fact]
    public async Task A_prefix_holding_other_files_is_never_touched()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteFile("data/results.csv", "precious");
        project.WriteEnvProject("""<ItemGroup><PythonEnv Include="demo" Python="3.11" Prefix="data" /></ItemGroup>""");

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded);
        Assert.Contains("error M1E012:", failed.Output, StringComparison.Ordinal);
        Assert.Equal(["results.csv"], Directory.GetFileSystemEntries(Path.Combine(project.Directory, "data")).Select(Path.GetFileName));
        Assert.Equal("precious", File.ReadAllText(Path.Combine(project.Directory, "data", "results.csv")));
    }
}
