using System.Text.Json.Serialization;

namespace M1Env.Core.Verify;

/// <summary>One framework as the in-env check found it.</summary>
/// <param name="Accelerator">What it computed on (<c>cuda</c>, <c>mps</c>, <c>gpu</c>, <c>METAL</c>...), or null when it sees none (MLX on the CPU included).</param>
/// <param name="Reason">Why it sees no accelerator, in words.</param>
/// <param name="Error">Its import error, or the error of its computation.</param>
public sealed record FrameworkCheck(
    string Name,
    bool Present,
    string? Version,
    string? Accelerator,
    string? Device,
    string? Reason,
    string? Error,
    ComputationCheck? Computation,
    MatmulTiming? Matmul)
{
    /// <summary>The frameworks that compute on an accelerator, as the check script names them: TensorFlow, PyTorch, JAX and MLX.</summary>
    public static IReadOnlyList<string> AcceleratedNames { get; } = ["tensorflow", "torch", "jax", "mlx"];

    /// <summary>Is it one of the frameworks that compute on an accelerator (<see cref="AcceleratedNames"/>).</summary>
    [JsonIgnore]
    public bool UsesAccelerator => AcceleratedNames.Contains(Name, StringComparer.Ordinal);

    /// <summary>Has a framework that uses accelerators found one, and computed right on it.</summary>
    [JsonIgnore]
    public bool AcceleratorWorks => Accelerator is not null && Computation is { Matches: true };
}

/// <summary>A small matmul on the accelerator against the exact answer.</summary>
public sealed record ComputationCheck(double Result, double Expected, double RelativeError, bool Matches);

/// <summary>The best and median time of a size x size float32 matmul, synchronised, warm-up excluded.</summary>
public sealed record MatmulTiming(double Seconds, double Median, int Size)
{
    /// <summary>TFLOP/s of the best run: 2 n^3 operations.</summary>
    public double Teraflops => 2.0 * Size * Size * Size / Seconds / 1e12;
}
