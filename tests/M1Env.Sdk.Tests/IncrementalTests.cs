using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>What a build does to an existing env when the declaration changes.</summary>
public sealed class IncrementalTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    private string Declaration(string gamma, string python = "3.11", bool withBeta = true) => $"""
        {feed.IndexProperty}
        <ItemGroup>
          <PythonEnv Include="demo" Python="{python}" />
          <PipPackage Include="m1-alpha" Version="1.0" />
          {(withBeta ? """<PipPackage Include="m1-beta" Version="1.0" />""" : string.Empty)}
          <PipPackage Include="m1-gamma" Version="{gamma}" />
        </ItemGroup>
        """;

    [Fact]
    public async Task A_changed_pin_reinstalls_only_that_package_and_a_removed_one_is_uninstalled()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration(gamma: "1.0"));
        Assert.True((await project.BuildAsync()).Succeeded);
        var untouched = DistInfoTimes(project, "m1_alpha-1.0", "m1_beta-1.0");

        project.WriteEnvProject(Declaration(gamma: "2.0"));
        var pinChange = await project.BuildAsync();

        Assert.True(pinChange.Succeeded, pinChange.ToString());
        Assert.Contains("m1-gamma==1.0 changed to m1-gamma==2.0", pinChange.Output, StringComparison.Ordinal);
        Assert.Contains("Installing the change into 'demo'", pinChange.Output, StringComparison.Ordinal);
        Assert.Contains("The lock pylock.demo.toml changed: ~ m1-gamma 1.0 -> 2.0.", pinChange.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Creating venv", pinChange.Output, StringComparison.Ordinal);
        Assert.Equal(untouched, DistInfoTimes(project, "m1_alpha-1.0", "m1_beta-1.0"));
        Assert.Equal("2.0", (await project.RunPythonAsync("demo", "import m1_gamma; print(m1_gamma.__version__)")).Output.Trim());

        project.WriteEnvProject(Declaration(gamma: "2.0", withBeta: false));
        var removal = await project.BuildAsync();

        Assert.True(removal.Succeeded, removal.ToString());
        Assert.Contains("Removing 1 package from 'demo': m1-beta", removal.Output, StringComparison.Ordinal);
        var import = await project.RunPythonAsync("demo", "import m1_beta");
        Assert.False(import.Succeeded);
        Assert.Contains("No module named 'm1_beta'", import.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_python_version_recreates_the_env()
    {
        // Two interpreters this machine has: Debian's 3.11.2 and pyenv's 3.11.7 (CI runs on the same image).
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration(gamma: "1.0", python: "3.11.2"));
        Assert.True((await project.BuildAsync()).Succeeded);
        Assert.Contains("version = 3.11.2", File.ReadAllText(Path.Combine(project.PrefixOf("demo"), "pyvenv.cfg")), StringComparison.Ordinal);

        project.WriteEnvProject(Declaration(gamma: "1.0", python: "3.11.7"));
        var rebuild = await project.BuildAsync();

        Assert.True(rebuild.Succeeded, rebuild.ToString());
        Assert.Contains("Recreating environment 'demo': the interpreter changed from CPython 3.11.2", rebuild.Output, StringComparison.Ordinal);
        Assert.Contains("version = 3.11.7", File.ReadAllText(Path.Combine(project.PrefixOf("demo"), "pyvenv.cfg")), StringComparison.Ordinal);
        Assert.Equal("3.11.7 1.0", (await project.RunPythonAsync("demo", "import platform, m1_gamma; print(platform.python_version(), m1_gamma.__version__)")).Output.Trim());
    }

    [Fact]
    public async Task A_build_killed_midway_is_repaired_by_the_next_one()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration(gamma: "1.0"));

        var killed = await project.DotnetAsync("build", trace: false, [], killWhen: line => line.Contains("Installing 3 packages", StringComparison.Ordinal));
        Assert.False(killed.Succeeded, killed.ToString());
        Assert.False(File.Exists(Path.Combine(project.PrefixOf("demo"), ".m1env", "build.key")));

        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        Assert.Contains("m1-alpha==1.0 is not installed", repaired.Output, StringComparison.Ordinal);
        Assert.Equal("1.0 1.0", (await project.RunPythonAsync("demo", "import m1_alpha, m1_beta, m1_gamma; print(m1_alpha.__version__, m1_gamma.__version__)")).Output.Trim());

        var noOp = await project.BuildAsync();
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_killed_while_making_the_venv_is_repaired_by_the_next_one()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration(gamma: "1.0"));

        var killed = await project.DotnetAsync("build", trace: false, [], killWhen: line => line.Contains("Creating venv 'demo'", StringComparison.Ordinal));
        Assert.False(killed.Succeeded, killed.ToString());

        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        var pip = await project.RunPythonAsync("demo", "import pip, m1_gamma; print(m1_gamma.__version__)");
        Assert.Equal("1.0", pip.Output.Trim());
        Assert.Equal("*", File.ReadAllLines(Path.Combine(project.Directory, ".m1env", ".gitignore")).Last());
    }

    [Fact]
    public async Task Provisioned_items_carry_the_same_documented_metadata_on_every_build()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration(gamma: "1.0"));

        var provisioning = await project.DotnetAsync("build", trace: false, ["-getItem:M1EnvProvisioned", "-t:M1EnvProvision"]);
        var noOp = await project.DotnetAsync("build", trace: false, ["-getItem:M1EnvProvisioned", "-t:M1EnvProvision"]);

        Assert.True(provisioning.Succeeded, provisioning.ToString());
        Assert.True(noOp.Succeeded, noOp.ToString());
        var expected = new[] { "BaseInterpreter", "CacheKey", "Prefix", "Python", "PythonLibrary", "PythonVersion", "SitePackages", "SpecHash", "Stdlib" };
        Assert.Equal(expected, CustomMetadata(provisioning.Output).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(CustomMetadata(provisioning.Output), CustomMetadata(noOp.Output));
        Assert.Equal(project.PrefixOf("demo"), CustomMetadata(noOp.Output)["Prefix"]);
        Assert.True(File.Exists(CustomMetadata(noOp.Output)["PythonLibrary"]), noOp.Output);
    }

    private static Dictionary<string, string> CustomMetadata(string getItemOutput)
    {
        // -getItem prints JSON; the well-known metadata (FullPath, Extension...) are MSBuild's, not ours.
        var json = getItemOutput[getItemOutput.IndexOf('{', StringComparison.Ordinal)..(getItemOutput.LastIndexOf('}') + 1)];
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var item = document.RootElement.GetProperty("Items").GetProperty("M1EnvProvisioned")[0];
        string[] wellKnown = ["Identity", "FullPath", "RootDir", "Filename", "Extension", "RelativeDir", "Directory", "RecursiveDir", "ModifiedTime", "CreatedTime", "AccessedTime", "DefiningProjectFullPath", "DefiningProjectDirectory", "DefiningProjectName", "DefiningProjectExtension"];
        return item.EnumerateObject()
            .Where(p => !wellKnown.Contains(p.Name, StringComparer.Ordinal))
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }

    private static Dictionary<string, DateTime> DistInfoTimes(TestProject project, params string[] distInfos)
    {
        var sitePackages = Directory.GetDirectories(Path.Combine(project.PrefixOf("demo"), "lib"), "site-packages", SearchOption.AllDirectories).Single();
        return distInfos.ToDictionary(d => d, d => Directory.GetLastWriteTimeUtc(Path.Combine(sitePackages, d + ".dist-info")));
    }
}
