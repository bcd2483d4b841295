using System.Text.Json;
using M1Env.Core.Spec;
using M1Env.Tool.Projects;

namespace M1Env.Tool.Tests.Projects;

public class ProjectLoaderTests
{
    // The shape 'dotnet msbuild -getItem -getProperty' prints (trimmed to the metadata M1Env reads).
    private const string Evaluated = """
        {
          "Properties": {
            "MSBuildProjectFullPath": "/repo/ml/ml.csproj", "MSBuildProjectDirectory": "/repo/ml", "M1EnvRoot": "/repo/ml/.m1env/",
            "M1EnvToolsDir": "/home/me/.m1env/", "M1EnvPipIndexUrl": "", "M1EnvPipExtraIndexUrls": "https://a/simple;https://b/simple",
            "M1EnvPipFindLinks": "", "M1EnvOffline": "false", "M1EnvCondaExe": "/opt/conda/bin/conda", "M1EnvBootstrap": "false",
            "M1EnvLockTimeoutMinutes": "5", "M1EnvVerify": "", "M1EnvRequireAccelerator": "true", "BaseIntermediateOutputPath": "obj/",
            "M1EnvLockFile": "", "M1EnvLockedMode": "true", "M1EnvFrozen": "false", "M1EnvLockPlatforms": "osx-arm64;linux-x64",
            "M1EnvLockUpdate": "Tensorflow_Metal", "M1EnvLockPrivateHosts": "mirror.corp",
            "M1EnvLinkMode": "clone"
          },
          "Items": {
            "CondaEnv": [ { "Identity": "ml-m1", "Python": "3.11", "Channels": "conda-forge", "LockFile": "locks/ml.conda-lock.txt", "DefiningProjectFullPath": "/repo/ml/ml.csproj" } ],
            "CondaPackage": [ { "Identity": "numpy", "Version": "1.26.4", "Platforms": "osx-arm64;linux-x64", "DefiningProjectFullPath": "/repo/Directory.Build.props" } ],
            "PipPackage": [
              { "Identity": "tensorflow", "Version": "2.16.1", "Env": "ml-m1", "DefiningProjectFullPath": "/repo/ml/ml.csproj" },
              { "Identity": "tensorflow-metal", "Version": "1.1.0", "Platforms": "osx-arm64", "Markers": "python_version < '3.12'", "DefiningProjectFullPath": "/repo/ml/ml.csproj" }
            ],
            "ProjectReference": [
              { "Identity": "../env/env.proj", "FullPath": "/repo/env/env.proj", "DefiningProjectDirectory": "/repo/ml/" },
              { "Identity": "../other/other.proj", "DefiningProjectDirectory": "/repo/ml/" }
            ]
          }
        }
        """;

    [Fact]
    public void Reads_items_and_properties_as_the_build_sees_them()
    {
        using var json = JsonDocument.Parse(Evaluated);
        var project = ProjectLoader.Read(json.RootElement);

        var env = Assert.Single(project.Envs);
        Assert.Equal((EnvKind.Conda, "ml-m1", "3.11", "conda-forge"), (env.Kind, env.Name, env.Python, env.Channels));
        Assert.Equal(new CondaPackageDeclaration("numpy", "1.26.4", null, null, new("/repo/Directory.Build.props", "CondaPackage", "numpy")) { Platforms = "osx-arm64;linux-x64" }, Assert.Single(project.CondaPackages));
        Assert.Equal("ml-m1", project.PipPackages[0].Env);
        Assert.Equal(("osx-arm64", "python_version < '3.12'"), (project.PipPackages[1].Platforms, project.PipPackages[1].Markers));
        Assert.Equal(["https://a/simple", "https://b/simple"], project.Settings.Sources.ExtraIndexUrls);
        Assert.Equal(("/opt/conda/bin/conda", false), (project.Settings.Conda!.CondaExe, project.Settings.Conda.Bootstrap));
        Assert.Equal(TimeSpan.FromMinutes(5), project.Settings.LockTimeout);
        Assert.True(project.Settings.Verify.Enabled);
        Assert.True(project.Settings.Verify.RequireAccelerator);
        Assert.Equal(Path.GetFullPath("/repo/ml/obj/"), project.Settings.Verify.ReportDirectory);
        Assert.Equal("locks/ml.conda-lock.txt", env.LockFile);
        var lockSettings = project.Settings.Lock;
        Assert.Equal((LockMode.Locked, false), (lockSettings.Mode, lockSettings.Relock));
        Assert.Equal(["osx-arm64", "linux-x64"], lockSettings.Platforms);
        Assert.Equal(["tensorflow-metal"], lockSettings.Update);
        Assert.Equal(["mirror.corp"], lockSettings.PrivateHosts);
        Assert.Equal("clone", project.Settings.LinkMode);
    }

    [Fact]
    public void Reads_the_referenced_projects_whose_envs_the_tool_uses_too()
    {
        using var json = JsonDocument.Parse(Evaluated);
        var project = ProjectLoader.Read(json.RootElement);

        Assert.Equal(["/repo/env/env.proj", Path.GetFullPath("/repo/other/other.proj")], project.References);
    }

    [Fact]
    public void Asks_msbuild_for_every_setting_in_the_table()
    {
        Assert.All(M1EnvSettings.All, s => Assert.Contains(s.Property, ProjectLoader.Properties));
    }

    [Fact]
    public void A_property_the_project_leaves_unset_or_that_does_not_parse_reads_as_the_tables_default()
    {
        using var json = JsonDocument.Parse("""
            { "Properties": { "MSBuildProjectFullPath": "/repo/a/a.csproj", "MSBuildProjectDirectory": "/repo/a", "M1EnvRoot": "/repo/a/.m1env/",
              "M1EnvBootstrap": "maybe", "M1EnvLockTimeoutMinutes": "-1", "BaseIntermediateOutputPath": "obj/" } }
            """);
        var settings = ProjectLoader.Read(json.RootElement).Settings;

        Assert.Equal(TimeSpan.FromMinutes(30), settings.LockTimeout);
        Assert.Equal(M1EnvSettings.DefaultLockTimeout, settings.LockTimeout);
        Assert.True(settings.Conda!.Bootstrap);
        Assert.Equal(M1EnvSettings.DefaultToolsDirectory, settings.ToolsDirectory);
        Assert.Equal((false, LockMode.Normal), (settings.Sources.Offline, settings.Lock.Mode));
    }
}
