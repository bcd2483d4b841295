using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Verify;

namespace M1Env.Core.Tests.Verify;

/// <summary>The check script run by a real interpreter: Debian's python3 with its real NumPy (python3-numpy), and no ML framework.</summary>
public class EnvCheckTests
{
    private const string DebianPython = "/usr/bin/python3";

    private readonly RecordingProvisionLog log = new();

    [Fact]
    public async Task Reports_each_framework_with_its_version_or_its_absence()
    {
        if (!File.Exists(DebianPython))
        {
            return; // Debian/Ubuntu's python3 with python3-numpy is what this test runs; .ci/run installs it.
        }

        var report = await new EnvCheck(new ProcessRunner(log)).RunAsync(DebianPython, benchmark: false, 64, 1, CancellationToken.None);

        Assert.Equal(1, report.Schema);
        Assert.StartsWith("3.", report.Python, StringComparison.Ordinal);
        Assert.Equal(["numpy", "pandas", "scikit-learn", "matplotlib", "tensorflow", "torch", "jax", "mlx"], report.Frameworks.Select(f => f.Name));
        var numpy = report.Frameworks[0];
        Assert.True(numpy.Present);
        Assert.Matches(@"^\d+\.\d+", numpy.Version);
        var torch = report.Frameworks.Single(f => f.Name == "torch");
        Assert.False(torch.Present);
        Assert.Null(torch.Error);
        var mlx = report.Frameworks.Single(f => f.Name == "mlx");
        Assert.False(mlx.Present);
        Assert.Null(mlx.Error); // importing mlx.core without mlx is an absence, not a broken install
        Assert.Empty(report.AcceleratedFrameworks);
    }

    [Fact]
    public async Task An_interpreter_that_does_not_run_is_a_coded_error_with_its_command()
    {
        var error = await Assert.ThrowsAsync<M1EnvException>(() => new EnvCheck(new ProcessRunner(log)).RunAsync("/nonexistent/python", false, 64, 1, CancellationToken.None));

        Assert.Equal(ErrorCodes.VerifyFailed, error.Code);
        Assert.StartsWith("$ /nonexistent/python -I ", error.ToolOutput[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_computation_counts_only_when_it_matches_on_an_accelerator()
    {
        var right = new FrameworkCheck("torch", true, "2.11.0", "cuda", "NVIDIA H200", null, null, new ComputationCheck(54987.38, 54987.38, 3e-8, true), null);
        Assert.True(right.AcceleratorWorks);
        Assert.False((right with { Computation = new ComputationCheck(1, 54987.38, 0.99, false) }).AcceleratorWorks);
        Assert.False((right with { Accelerator = null }).AcceleratorWorks);
        Assert.Equal(50.5, new MatmulTiming(0.002723665, 0.0027, 4096).Teraflops, precision: 1);
    }
}
