using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// A package only one platform needs, declared with <c>Platforms</c> instead of an MSBuild condition:
/// the same declaration builds on this Linux machine, one lock holds it for its platform only, and
/// locked mode passes from that lock; declared without <c>Platforms</c>, the error says which
/// platforms its files are for and what to write.
/// </summary>
public sealed class PackagePlatformsTests : IDisposable
{
    private readonly TempDirectory wheels = new("m1env-platform-wheels");
    private readonly PackageIndexServer index;

    public PackagePlatformsTests()
    {
        WheelBuilder.Build(wheels.Path, "m1-alpha", "1.0");
        WheelBuilder.BuildTagged(wheels.Path, "m1-metal", "1.1.0", "cp311-cp311-macosx_11_0_arm64");
        index = PackageIndexServer.Start(wheels.Path);
    }

    public void Dispose()
    {
        index.Dispose();
        wheels.Dispose();
    }

    private string Declaration(string metal) => $"""
        <PropertyGroup>
          <M1EnvPipIndexUrl>{index.IndexUrl}</M1EnvPipIndexUrl>
          <M1EnvLockPlatforms>osx-arm64;linux-x64</M1EnvLockPlatforms>
        </PropertyGroup>
        <ItemGroup>
          <PythonEnv Include="demo" Python="3.11" />
          <PipPackage Include="m1-alpha" />
          {metal}
        </ItemGroup>
        """;

    [Fact]
    public async Task A_package_for_macOS_only_builds_here_is_locked_for_macOS_alone_and_locked_mode_passes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-metal" Version="1.1.0" Platforms="osx-arm64" />"""));
        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("M1E064", build.Output, StringComparison.Ordinal);
        var installed = await project.RunPythonAsync("demo", "import importlib.metadata as m; print(sorted(d.metadata['Name'] for d in m.distributions() if d.metadata['Name'].startswith('m1')))");
        Assert.Equal("['m1-alpha']", installed.Output.Trim());

        var lockText = File.ReadAllText(Path.Combine(project.Directory, "pylock.demo.toml"));
        var read = await project.RunPythonAsync("demo", $$"""
            import tomllib
            lock = tomllib.load(open(r'{{Path.Combine(project.Directory, "pylock.demo.toml")}}', 'rb'))
            for p in sorted(lock['packages'], key=lambda p: p['name']):
                print(p['name'], p['version'], p.get('marker', '-'))
            """);
        Assert.True(read.Succeeded, read.ToString());
        Assert.Equal(
            ["m1-alpha 1.0 -", "m1-metal 1.1.0 (sys_platform == 'darwin' and platform_machine == 'arm64')"],
            read.Output.Trim().Split('\n'));
        Assert.Contains("m1-metal==1.1.0; (sys_platform == 'darwin' and platform_machine == 'arm64')", lockText, StringComparison.Ordinal);

        // Another clone, in CI: locked mode installs from the one lock, resolves nothing, and misses nothing.
        using var clone = await TestProject.CreateAsync();
        File.Copy(Path.Combine(project.Directory, "pylock.demo.toml"), Path.Combine(clone.Directory, "pylock.demo.toml"));
        clone.WriteEnvProject(Declaration("""<PipPackage Include="m1-metal" Version="1.1.0" Platforms="osx-arm64" />"""));
        var locked = await clone.BuildAsync("-p:M1EnvLockedMode=true");
        Assert.True(locked.Succeeded, locked.ToString());
        Assert.DoesNotContain("Resolving the lock", locked.Output, StringComparison.Ordinal);
        Assert.Equal(lockText, File.ReadAllText(Path.Combine(clone.Directory, "pylock.demo.toml")));
    }

    [Fact]
    public async Task A_version_whose_files_are_for_macOS_only_is_explained_with_the_metadata_that_fixes_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-metal" Version="1.1.0" />"""));
        var build = await project.BuildAsync();

        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains("error M1E021:", build.Output, StringComparison.Ordinal);
        Assert.Contains("its files are for osx-arm64 only", build.Output, StringComparison.Ordinal);
        Assert.Contains("Platforms=\"osx-arm64\"", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("no version of it at all", build.Output, StringComparison.Ordinal);
    }
}
