using M1Env.Sdk.Tests.Infrastructure;

namespace M1Env.Sdk.Tests;

/// <summary>M1EnvVerify: the in-env check after an env changes, stamped so an unchanged env is not checked again.</summary>
public sealed class VerifyTests : IDisposable
{
    private readonly PackageFeed feed = new();

    public void Dispose() => feed.Dispose();

    [Fact]
    public async Task The_check_runs_once_per_change_shows_the_checklist_and_fails_only_when_an_accelerator_is_required()
    {
        using var project = await TestProject.CreateAsync();
        project.WriteEnvProject("<PropertyGroup><M1EnvVerify>true</M1EnvVerify></PropertyGroup>" + feed.DemoEnv("""<PipPackage Include="m1-alpha" Version="1.0" />"""));

        var first = await project.BuildAsync();

        Assert.True(first.Succeeded, first.ToString());
        Assert.Contains("Checked environment 'demo': Python 3.11", first.Output, StringComparison.Ordinal);
        Assert.Contains("- torch: not installed", first.Output, StringComparison.Ordinal);
        var report = Path.Combine(project.Directory, "obj", "m1env-verify.demo.json");
        Assert.Contains("\"frameworks\"", File.ReadAllText(report), StringComparison.Ordinal);

        var noOp = await project.BuildTracedAsync();
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
        ProcessAssertions.StartedNoPython(noOp);

        // The env did not change: the stamped result decides, without running the check again.
        var required = await project.BuildTracedAsync("-p:M1EnvRequireAccelerator=true");
        Assert.False(required.Succeeded);
        Assert.Contains("error M1E071:", required.Output, StringComparison.Ordinal);
        Assert.Contains("none of TensorFlow, PyTorch, JAX or MLX is installed", required.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Checked environment", required.Output, StringComparison.Ordinal);
    }
}
