using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// Moving a lock on purpose (the M1EnvLock target, M1EnvLockUpdate) and what M1EnvPlan says about a
/// lock, through real builds against a loopback index that gains versions during the test.
/// </summary>
public sealed class LockTargetTests : IDisposable
{
    private readonly TempDirectory wheels = new("m1env-lock-target-wheels");
    private readonly PackageIndexServer index;

    public LockTargetTests()
    {
        WheelBuilder.Build(wheels.Path, "m1-alpha", "1.0");
        WheelBuilder.Build(wheels.Path, "m1-beta", "1.0");
        index = PackageIndexServer.Start(wheels.Path);
    }

    public void Dispose()
    {
        index.Dispose();
        wheels.Dispose();
    }

    private string Declaration(params string[] items) => $"""
        <PropertyGroup><M1EnvPipIndexUrl>{index.IndexUrl}</M1EnvPipIndexUrl></PropertyGroup>
        <ItemGroup>
          <PythonEnv Include="demo" Python="3.11" />
          {string.Join(Environment.NewLine, items)}
        </ItemGroup>
        """;

    private static string LockText(TestProject project) => File.ReadAllText(Path.Combine(project.Directory, "pylock.demo.toml"));

    private static async Task<string> VersionAsync(TestProject project, string module) =>
        (await project.RunPythonAsync("demo", $"import {module}; print({module}.__version__)")).Output.Trim();

    [Fact]
    public async Task Newer_versions_wait_for_M1EnvLockUpdate_or_M1EnvLock_and_the_plan_says_what_the_lock_will_do()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-alpha;m1-beta" Version=">=1.0" />"""));
        var first = await project.BuildAsync();
        Assert.True(first.Succeeded, first.ToString());

        var current = await project.DotnetAsync("build", trace: false, ["-t:M1EnvPlan"]);
        Assert.Contains("lock: the lock pylock.demo.toml matches the declaration: the build installs exactly what it holds", current.Output, StringComparison.Ordinal);

        // The index gains 2.0 of both: the lock holds them back until asked.
        index.AddWheel(WheelBuilder.Build(wheels.Path, "m1-alpha", "2.0").Path);
        index.AddWheel(WheelBuilder.Build(wheels.Path, "m1-beta", "2.0").Path);
        var lockBefore = LockText(project);
        var rebuilt = await project.BuildAsync("--no-incremental");
        Assert.True(rebuilt.Succeeded, rebuilt.ToString());
        Assert.Equal(lockBefore, LockText(project));
        Assert.Equal("1.0", await VersionAsync(project, "m1_alpha"));

        var onlyBeta = await project.BuildAsync("-p:M1EnvLockUpdate=M1_Beta");
        Assert.True(onlyBeta.Succeeded, onlyBeta.ToString());
        Assert.Contains("The lock pylock.demo.toml changed: ~ m1-beta 1.0 -> 2.0.", onlyBeta.Output, StringComparison.Ordinal);
        Assert.Equal(("1.0", "2.0"), (await VersionAsync(project, "m1_alpha"), await VersionAsync(project, "m1_beta")));

        var everything = await project.DotnetAsync("build", trace: false, ["-t:M1EnvLock"]);
        Assert.True(everything.Succeeded, everything.ToString());
        Assert.Contains("The lock pylock.demo.toml changed: ~ m1-alpha 1.0 -> 2.0.", everything.Output, StringComparison.Ordinal);
        Assert.Equal("2.0", await VersionAsync(project, "m1_alpha"));
        Assert.Contains("nothing to do", (await project.BuildAsync()).Output, StringComparison.Ordinal);

        // A declaration the lock no longer matches: the plan says it resolves again, and what locked mode would do.
        project.WriteEnvProject(Declaration("""<PipPackage Include="m1-alpha" Version="==1.0" />""", """<PipPackage Include="m1-beta" Version=">=1.0" />"""));
        var changed = await project.DotnetAsync("build", trace: false, ["-t:M1EnvPlan"]);
        Assert.Contains("lock: the build resolves the lock pylock.demo.toml again and writes it (m1-alpha is locked for m1-alpha>=1.0, and the declaration says m1-alpha==1.0)", changed.Output, StringComparison.Ordinal);
        var inCi = await project.DotnetAsync("build", trace: false, ["-t:M1EnvPlan", "-p:ContinuousIntegrationBuild=true"]);
        Assert.Contains("lock: the build fails (M1E061): M1EnvLockedMode is true", inCi.Output, StringComparison.Ordinal);
        Assert.Equal("2.0", await VersionAsync(project, "m1_alpha"));
    }
}
