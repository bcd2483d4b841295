using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>samples/ml-m1, the course's env, cannot be provisioned here (no conda channels); its plan is checked instead.</summary>
public sealed class MlM1SampleTests : IDisposable
{
    private readonly TempDirectory tools = new("m1env-mlm1-tools");

    public void Dispose() => tools.Dispose();

    [Fact]
    public async Task The_course_env_plans_miniforge_python_311_the_conda_stack_and_the_pip_frameworks()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "ml-m1", "ml-m1.csproj");
        var plan = await TracedCommand.RunAsync(
            "dotnet",
            ["build", sample, "-t:M1EnvPlan", "-nodeReuse:false", "-tl:off", "-v:n", $"-p:M1EnvToolsDir={tools.Path}"],
            RepositoryPaths.Root,
            new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1" },
            timeout: TimeSpan.FromMinutes(4));

        Assert.True(plan.Succeeded, plan.ToString());
        Assert.Contains("M1Env plan for 'ml-m1' (conda env at", plan.Output, StringComparison.Ordinal);
        Assert.Contains("conda install: python 3.11.*, jupyter, matplotlib, numpy, pandas, scikit-learn (channels: conda-forge)", plan.Output, StringComparison.Ordinal);
        Assert.Contains("tensorflow==2.16.1", plan.Output, StringComparison.Ordinal);
        Assert.Contains("torch, torchaudio, torchvision", plan.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(RepositoryPaths.Root, "samples", "ml-m1", ".m1env")));
    }
}
