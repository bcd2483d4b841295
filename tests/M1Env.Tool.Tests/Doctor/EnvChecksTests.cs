using M1Env.Core.Verify;
using M1Env.Tool.Doctor;

namespace M1Env.Tool.Tests.Doctor;

/// <summary>doctor's lines for an env's frameworks: MLX counts as TensorFlow, PyTorch and JAX do.</summary>
public class EnvChecksTests
{
    private static readonly FrameworkCheck MlxOnGpu = new(
        "mlx", true, "0.32.0", "gpu", "Device(gpu, 0) via Metal", null, null, new ComputationCheck(1000.5, 1000.5, 0, true), null);

    [Fact]
    public void Mlx_on_the_gpu_passes()
    {
        var check = Assert.Single(EnvChecks.Frameworks("ml-m1", "/p", Report(MlxOnGpu, new FrameworkCheck("numpy", true, "1.26.4", null, null, null, null, null, null))));

        Assert.Equal(new DoctorCheck("ml-m1: mlx", DoctorStatus.Pass, "0.32.0 computes right on gpu (Device(gpu, 0) via Metal)"), check);
    }

    [Fact]
    public void Mlx_on_the_cpu_or_broken_fails_with_the_reason()
    {
        var onCpu = MlxOnGpu with { Accelerator = null, Device = "Device(cpu, 0)", Reason = "MLX runs on the CPU: Metal is not available", Computation = null };
        var broken = new FrameworkCheck("mlx", false, null, null, null, null, "Library not loaded: @rpath/libmlx.dylib", null, null);

        var checks = EnvChecks.Frameworks("ml-m1", "/p", Report(onCpu)).Concat(EnvChecks.Frameworks("ml-m1", "/p", Report(broken))).ToArray();

        Assert.Equal([DoctorStatus.Fail, DoctorStatus.Fail], checks.Select(c => c.Status));
        Assert.Equal("0.32.0: MLX runs on the CPU: Metal is not available", checks[0].Detail);
        Assert.Equal("Library not loaded: @rpath/libmlx.dylib", checks[1].Detail);
    }

    private static EnvCheckReport Report(params FrameworkCheck[] frameworks) =>
        new(1, "3.11.7", "CPython", "/p/bin/python", "arm64", "Darwin", "14.5", frameworks);
}
