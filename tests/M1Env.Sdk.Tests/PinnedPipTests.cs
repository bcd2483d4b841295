using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// An env whose declaration pins pip itself, to a pip too old to resolve (22.0.4 has no
/// <c>--dry-run</c> or <c>--report</c>): M1Env resolves and installs with the interpreter's bundled
/// pip, so the env keeps changing; a build killed while pip replaces itself is repaired by the next.
/// </summary>
public sealed class PinnedPipTests : IDisposable
{
    private const string New = "24.2";
    private readonly TempDirectory wheels = new("m1env-pinned-pip-wheels");
    private readonly PackageIndexServer index;

    public PinnedPipTests()
    {
        WheelBuilder.Build(wheels.Path, "m1-alpha", "1.0");
        WheelBuilder.Build(wheels.Path, "m1-gamma", "1.0");
        foreach (var version in new[] { RealPipWheels.Old, New })
        {
            if (RealPipWheels.Find(version) is { } wheel)
            {
                File.Copy(wheel, Path.Combine(wheels.Path, Path.GetFileName(wheel)));
            }
        }

        index = PackageIndexServer.Start(wheels.Path);
    }

    public void Dispose()
    {
        index.Dispose();
        wheels.Dispose();
    }

    private string Declaration(string pip, params string[] items) => $"""
        <PropertyGroup><M1EnvPipIndexUrl>{index.IndexUrl}</M1EnvPipIndexUrl></PropertyGroup>
        <ItemGroup>
          <PythonEnv Include="demo" Python="3.11" />
          <PipPackage Include="pip" Version="{pip}" />
          {string.Join(Environment.NewLine, items)}
        </ItemGroup>
        """;

    private static async Task<string> PipVersionAsync(TestProject project)
    {
        var shown = await project.RunPythonAsync("demo", "import pip; print(pip.__version__)");
        Assert.True(shown.Succeeded, shown.ToString());
        return shown.Output.Trim();
    }

    private async Task<TestProject> PinnedToOldPipAsync()
    {
        var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration(RealPipWheels.Old, """<PipPackage Include="m1-alpha" />"""));
        var built = await project.BuildAsync();
        Assert.True(built.Succeeded, built.ToString());
        Assert.Equal(RealPipWheels.Old, await PipVersionAsync(project));
        return project;
    }

    [RealPipFact(RealPipWheels.Old, New)]
    public async Task An_env_pinned_to_a_pip_that_cannot_resolve_takes_a_new_package_and_a_new_pin()
    {
        using var project = await PinnedToOldPipAsync();

        project.WriteEnvProject(Declaration(RealPipWheels.Old, """<PipPackage Include="m1-alpha;m1-gamma" />"""));
        var added = await project.BuildAsync();
        Assert.True(added.Succeeded, added.ToString());
        Assert.DoesNotContain("M1E020", added.Output, StringComparison.Ordinal);
        Assert.Equal(RealPipWheels.Old, await PipVersionAsync(project));
        Assert.True((await project.RunPythonAsync("demo", "import m1_alpha, m1_gamma")).Succeeded);

        project.WriteEnvProject(Declaration(New, """<PipPackage Include="m1-alpha;m1-gamma" />"""));
        var upgraded = await project.BuildAsync();
        Assert.True(upgraded.Succeeded, upgraded.ToString());
        Assert.Equal(New, await PipVersionAsync(project));
        Assert.Contains($"pip {New}", File.ReadAllText(Path.Combine(project.Directory, "pylock.demo.toml")).Replace("name = \"pip\"\nversion = \"", "pip ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [RealPipFact(RealPipWheels.Old, New)]
    public async Task A_build_killed_while_pip_replaces_itself_is_repaired_by_the_next_one()
    {
        using var project = await PinnedToOldPipAsync();

        project.WriteEnvProject(Declaration(New, """<PipPackage Include="m1-alpha" />"""));
        var killed = await project.DotnetAsync("build", trace: false, [], killWhen: line => line.Contains("Uninstalling pip-", StringComparison.Ordinal));
        Assert.False(killed.Succeeded, killed.ToString());
        Assert.Contains($"Uninstalling pip-{RealPipWheels.Old}", killed.Output, StringComparison.Ordinal);

        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        Assert.DoesNotContain("M1E020", repaired.Output, StringComparison.Ordinal);
        Assert.Equal(New, await PipVersionAsync(project));
        var sitePackages = Path.Combine(project.PrefixOf("demo"), "lib", "python3.11", "site-packages");
        Assert.Equal([$"pip-{New}.dist-info"], Directory.GetDirectories(sitePackages, "pip-*.dist-info").Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(sitePackages, "~*"));
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [RealPipFact(RealPipWheels.Old)]
    public async Task A_pip_damaged_on_disk_is_restored_at_its_declared_version()
    {
        using var project = await PinnedToOldPipAsync();
        var sitePackages = Path.Combine(project.PrefixOf("demo"), "lib", "python3.11", "site-packages");

        // What a kill midway through pip's own upgrade leaves: part of pip gone, stashed in a '~ip' folder, and a second pip dist-info.
        Directory.Move(Path.Combine(sitePackages, "pip", "_internal"), Path.Combine(sitePackages, "~ip"));
        Directory.CreateDirectory(Path.Combine(sitePackages, $"pip-{New}.dist-info"));
        File.WriteAllText(Path.Combine(sitePackages, $"pip-{New}.dist-info", "METADATA"), $"Metadata-Version: 2.1\nName: pip\nVersion: {New}\n");
        project.WriteEnvProject(Declaration(RealPipWheels.Old, """<PipPackage Include="m1-alpha;m1-gamma" />"""));

        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        Assert.Equal(RealPipWheels.Old, await PipVersionAsync(project));
        Assert.Equal([$"pip-{RealPipWheels.Old}.dist-info"], Directory.GetDirectories(sitePackages, "pip-*.dist-info").Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(sitePackages, "~*"));
        Assert.True((await project.RunPythonAsync("demo", "import pip._internal.cli.main, m1_gamma")).Succeeded);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_pip_the_declaration_does_not_name_is_restored_from_the_bundled_wheel_the_index_does_not_have()
    {
        using var project = await TestProject.CreateAsync();
        var declaration = $"""
            <PropertyGroup><M1EnvPipIndexUrl>{index.IndexUrl}</M1EnvPipIndexUrl></PropertyGroup>
            <ItemGroup><PythonEnv Include="demo" Python="3.11" /><PipPackage Include="m1-alpha" /></ItemGroup>
            """;
        project.WriteEnvProject(declaration);
        Assert.True((await project.BuildAsync()).Succeeded);
        var version = await PipVersionAsync(project);
        Assert.Null(RealPipWheels.Find(version) is { } wheel && File.Exists(Path.Combine(wheels.Path, Path.GetFileName(wheel))) ? wheel : null);

        // pip's own files half gone, as a kill midway through its upgrade by hand leaves them; the declaration changes too.
        var pipPackage = Path.Combine(project.PrefixOf("demo"), "lib", "python3.11", "site-packages", "pip");
        Directory.Delete(Path.Combine(pipPackage, "_internal", "commands"), recursive: true);
        project.WriteEnvProject(declaration.Replace("m1-alpha", "m1-alpha;m1-gamma", StringComparison.Ordinal));

        var repaired = await project.BuildAsync();
        Assert.True(repaired.Succeeded, repaired.ToString());
        Assert.Contains($"pip {version} is damaged", repaired.Output, StringComparison.Ordinal);
        Assert.Equal(version, await PipVersionAsync(project));
        Assert.True((await project.RunPythonAsync("demo", "import pip._internal.commands.install, m1_gamma")).Succeeded);
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);
    }
}
