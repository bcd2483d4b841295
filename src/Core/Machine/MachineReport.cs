using System.Runtime.InteropServices;

namespace M1Env.Core.Machine;

/// <summary>This machine as the native probe sees it: OS, CPU, memory, and each accelerator API's answer.</summary>
/// <param name="TranslatedByRosetta">On macOS, whether this process runs under Rosetta (an x86-64 process on Apple Silicon); null elsewhere.</param>
/// <param name="Cpu">The CPU's name (e.g. "Apple M1 Pro", "Intel(R) Xeon(R) Platinum 8480+"), or null.</param>
public sealed record MachineReport(
    string Os,
    string OsVersion,
    Architecture OsArchitecture,
    Architecture ProcessArchitecture,
    bool? TranslatedByRosetta,
    string? Cpu,
    long MemoryBytes,
    CudaReport Cuda,
    MetalReport Metal)
{
    /// <summary>Metal when a Mac lists an Apple7+ device, CUDA when the driver lists a GPU, else the CPU.</summary>
    public Accelerator Accelerator => Metal.IsUsable ? Accelerator.Metal : Cuda.IsUsable ? Accelerator.Cuda : Accelerator.Cpu;
}
