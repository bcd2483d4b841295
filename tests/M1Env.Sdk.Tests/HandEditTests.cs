using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>The env is what is on disk: a hand edit, a lost stamp or a damaged key never passes for up to date.</summary>
public sealed class HandEditTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    private async Task<TestProject> ProvisionedAsync()
    {
        var project = await TestProject.CreateAsync();
        project.WriteEnvProject(feed.DemoEnv(
            """<PipPackage Include="m1-beta" Version="1.0" />""",
            """<PipPackage Include="m1-gamma" Version="1.0" />"""));
        var first = await project.BuildAsync();
        Assert.True(first.Succeeded, first.ToString());
        return project;
    }

    private static string SitePackages(TestProject project) =>
        Directory.GetDirectories(Path.Combine(project.PrefixOf("demo"), "lib"), "site-packages", SearchOption.AllDirectories).Single();

    private Task<CommandResult> PipAsync(TestProject project, params string[] arguments) =>
        TracedCommand.RunAsync(
            project.PythonOf("demo"),
            ["-m", "pip", .. arguments, .. arguments[0] == "install" ? new[] { "--index-url", feed.IndexUrl } : []],
            project.Directory,
            new Dictionary<string, string?>());

    private static async Task AssertRepairedAsync(TestProject project, string reason)
    {
        var repair = await project.BuildAsync();
        Assert.True(repair.Succeeded, repair.ToString());
        Assert.Contains(reason, repair.Output, StringComparison.Ordinal);
        var imports = await project.RunPythonAsync("demo", "import m1_alpha, m1_beta, m1_gamma; print(m1_gamma.__version__)");
        Assert.Equal("1.0", imports.Output.Trim());
        var after = await project.BuildAsync();
        Assert.Contains("nothing to do", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_uninstalled_by_hand_is_reinstalled()
    {
        using var project = await ProvisionedAsync();
        Assert.True((await PipAsync(project, "uninstall", "-y", "m1-gamma")).Succeeded);

        await AssertRepairedAsync(project, "m1-gamma==1.0 is not installed any more (removed by hand?)");
    }

    [Fact]
    public async Task A_package_repinned_by_hand_is_put_back()
    {
        using var project = await ProvisionedAsync();
        Assert.True((await PipAsync(project, "install", "m1-gamma==2.0")).Succeeded);

        await AssertRepairedAsync(project, "m1-gamma 2.0 is installed, which is not m1-gamma==1.0 (changed by hand?)");
    }

    [Fact]
    public async Task A_deleted_module_file_is_noticed_and_its_package_reinstalled()
    {
        using var project = await ProvisionedAsync();
        File.Delete(Path.Combine(SitePackages(project), "m1_gamma", "__init__.py"));

        await AssertRepairedAsync(project, "m1-gamma 1.0 is damaged (m1_gamma/__init__.py is missing): reinstalling it");
    }

    [Fact]
    public async Task A_dependency_removed_by_hand_is_repaired()
    {
        using var project = await ProvisionedAsync();
        Assert.True((await PipAsync(project, "uninstall", "-y", "m1-alpha")).Succeeded);

        // The lock holds the dependency at its exact version, so it is put back like any locked package.
        await AssertRepairedAsync(project, "m1-alpha==2.0 is not installed any more (removed by hand?)");
    }

    [Fact]
    public async Task An_extra_package_installed_by_hand_is_removed()
    {
        using var project = await ProvisionedAsync();
        Assert.True((await PipAsync(project, "install", "m1-delta==1.0")).Succeeded);

        await AssertRepairedAsync(project, "Removing 1 package from 'demo': m1-delta");
    }

    [Fact]
    public async Task A_deleted_interpreter_link_makes_the_env_again()
    {
        using var project = await ProvisionedAsync();
        File.Delete(Path.Combine(project.PrefixOf("demo"), "bin", "python3.11"));

        await AssertRepairedAsync(project, "its interpreter (bin/python, python3 or python3.X) is missing or a link to a file that is gone");
    }

    [Fact]
    public async Task After_clean_or_rebuild_an_env_that_matches_costs_no_pip_and_no_python()
    {
        using var project = await ProvisionedAsync();
        Assert.True((await project.CleanAsync()).Succeeded);

        foreach (var arguments in new[] { Array.Empty<string>(), ["--no-incremental"] })
        {
            feed.Server.ClearRequests();
            var build = await project.BuildTracedAsync(arguments);
            Assert.True(build.Succeeded, build.ToString());
            Assert.Contains("Environment 'demo' matches its declaration", build.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Installing", build.Output, StringComparison.Ordinal);
            Assert.Equal(0, feed.Server.RequestCount);
            ProcessAssertions.StartedNoPython(build);
        }
    }

    [Fact]
    public async Task A_lost_stamp_then_a_removed_declaration_removes_the_package()
    {
        using var project = await ProvisionedAsync();
        File.Delete(Path.Combine(project.PrefixOf("demo"), ".m1env", "stamp.json"));
        project.WriteEnvProject(feed.DemoEnv("""<PipPackage Include="m1-beta" Version="1.0" />"""));

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("Removing 1 package from 'demo': m1-gamma", build.Output, StringComparison.Ordinal);
        Assert.False((await project.RunPythonAsync("demo", "import m1_gamma")).Succeeded);
    }

    [Theory]
    [InlineData("key|")]
    [InlineData("key|abc|de")]
    [InlineData("garbage ' ) ` \" | ; * ?")]
    [InlineData("")]
    public async Task A_damaged_build_key_never_fails_the_build(string content)
    {
        using var project = await ProvisionedAsync();
        File.WriteAllText(Path.Combine(project.PrefixOf("demo"), ".m1env", "build.key"), content);

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("nothing to do", build.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_interpreter_whose_file_changed_is_noticed_by_the_no_op_check()
    {
        using var project = await ProvisionedAsync();
        var keyFile = Path.Combine(project.PrefixOf("demo"), ".m1env", "build.key");
        var records = File.ReadAllText(keyFile).Split(';');
        var file = Array.FindIndex(records, r => r.StartsWith("file|", StringComparison.Ordinal));
        var fields = records[file].Split('|');
        records[file] = $"file|{long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) - 1}|{fields[2]}";
        File.WriteAllText(keyFile, string.Join(";", records));

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("nothing to do", build.Output, StringComparison.Ordinal);
    }
}
