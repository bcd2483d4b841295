using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.State;
using M1Env.Core.Verify;
using M1Env.Testing;

namespace M1Env.Core.Tests.Verify;

/// <summary>MLX checked as TensorFlow, PyTorch and JAX are: the check script run in a venv holding a stand-in <c>mlx</c> (<see cref="StandInMlxEnv"/>).</summary>
public class EnvCheckMlxTests
{
    private readonly RecordingProvisionLog log = new();

    [Fact]
    public async Task Mlx_on_the_gpu_computes_right_and_counts_as_an_accelerator()
    {
        if (await CheckAsync(StandInMlx.OnGpu) is not { } report)
        {
            return;
        }

        var mlx = report.Frameworks.Single(f => f.Name == "mlx");
        Assert.True(mlx.Present);
        Assert.Equal("0.32.0", mlx.Version);
        Assert.Equal("gpu", mlx.Accelerator);
        Assert.Equal("Device(gpu, 0) via Metal", mlx.Device);
        Assert.True(mlx.AcceleratorWorks, mlx.Error);
        Assert.Equal(mlx.Computation!.Expected, mlx.Computation.Result, precision: 1);
        Assert.Contains("  v mlx 0.32.0: computes right on gpu (Device(gpu, 0) via Metal)", Checklist.Lines("ml-m1", report));
        Assert.Null(Checklist.NoAccelerator(report));
    }

    [Fact]
    public async Task The_benchmark_times_an_evaluated_matmul_on_the_gpu()
    {
        if (await CheckAsync(StandInMlx.OnGpu, benchmark: true) is not { } report)
        {
            return;
        }

        var timing = report.Frameworks.Single(f => f.Name == "mlx").Matmul;
        Assert.NotNull(timing);
        Assert.Equal(64, timing.Size);
        Assert.True(timing.Seconds > 0 && timing.Seconds <= timing.Median, $"{timing}");
    }

    [Fact]
    public async Task Mlx_on_the_cpu_is_a_note_and_no_accelerator()
    {
        if (await CheckAsync(StandInMlx.OnCpu) is not { } report)
        {
            return;
        }

        var mlx = report.Frameworks.Single(f => f.Name == "mlx");
        Assert.True(mlx.Present);
        Assert.Null(mlx.Accelerator);
        Assert.False(mlx.AcceleratorWorks);
        Assert.Equal("Device(cpu, 0)", mlx.Device);
        Assert.Contains("  ! mlx 0.32.0: MLX runs on the CPU (mlx[cpu]; for an NVIDIA GPU install mlx[cuda])", Checklist.Lines("ml-m1", report));
        Assert.Equal("mlx: MLX runs on the CPU (mlx[cpu]; for an NVIDIA GPU install mlx[cuda])", Checklist.NoAccelerator(report));
    }

    [Fact]
    public async Task Mlx_that_fails_to_import_is_a_failure_not_an_absence()
    {
        if (await CheckAsync(StandInMlx.FailsToImport) is not { } report)
        {
            return;
        }

        var mlx = Assert.Single(report.AcceleratedFrameworks);
        Assert.Equal("mlx", mlx.Name);
        Assert.Equal("dlopen(libmlx.dylib, 0x0002): Library not loaded: @rpath/libmlx.dylib", mlx.Error);
        Assert.Contains("  x mlx: dlopen(libmlx.dylib, 0x0002): Library not loaded: @rpath/libmlx.dylib", Checklist.Lines("ml-m1", report));
        Assert.StartsWith("mlx: dlopen(", Checklist.NoAccelerator(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireAccelerator_passes_with_mlx_on_the_gpu_and_fails_with_mlx_on_the_cpu()
    {
        using var gpu = await StandInMlxEnv.CreateAsync(StandInMlx.OnGpu);
        using var cpu = await StandInMlxEnv.CreateAsync(StandInMlx.OnCpu);
        if (gpu is null || cpu is null)
        {
            return;
        }

        using var reports = new TempDirectory();
        var verifier = new EnvVerifier(new ProcessRunner(log), log, new VerifySettings(true, RequireAccelerator: true, reports.Path));

        await verifier.VerifyAsync("on-gpu", gpu.Python, "hash", new StampStore(reports.Combine("gpu")), changed: true, CancellationToken.None);
        var error = await Assert.ThrowsAsync<M1EnvException>(() =>
            verifier.VerifyAsync("on-cpu", cpu.Python, "hash", new StampStore(reports.Combine("cpu")), changed: true, CancellationToken.None));

        Assert.Equal(ErrorCodes.NoAcceleratorWorks, error.Code);
        Assert.Contains("no accelerator works in environment 'on-cpu': mlx: MLX runs on the CPU", error.Message, StringComparison.Ordinal);
        Assert.Contains("  v mlx 0.32.0: computes right on gpu (Device(gpu, 0) via Metal)", log.Lines);
    }

    /// <summary>The check's report in a new env with the stand-in (a 64 x 64 matmul, twice, with the benchmark); null without Debian's python3.</summary>
    private async Task<EnvCheckReport?> CheckAsync(StandInMlx behaviour, bool benchmark = false)
    {
        using var env = await StandInMlxEnv.CreateAsync(behaviour);
        return env is null ? null : await new EnvCheck(new ProcessRunner(log)).RunAsync(env.Python, benchmark, size: 64, repeat: 2, CancellationToken.None);
    }
}
