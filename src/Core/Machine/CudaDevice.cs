namespace M1Env.Core.Machine;

/// <summary>One NVIDIA GPU as the CUDA driver describes it.</summary>
/// <param name="ComputeCapability">Major.minor, e.g. <c>9.0</c> for Hopper, <c>8.6</c> for an RTX 30.</param>
public sealed record CudaDevice(int Ordinal, string Name, long TotalMemoryBytes, string ComputeCapability, int Multiprocessors);
