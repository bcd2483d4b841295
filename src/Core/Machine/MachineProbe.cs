using System.Runtime.InteropServices;

namespace M1Env.Core.Machine;

/// <summary>
/// Probes this machine in-process: its OS, CPU and memory, the CUDA driver, and Metal. Every native
/// library is loaded with <c>TryLoad</c>, so an absent one is an answer, never a crash. Run it in a
/// process of its own (the <c>m1env</c> tool, or an MSBuild task host), not in a reused MSBuild node.
/// </summary>
public static class MachineProbe
{
    public static MachineReport ProbeThisMachine()
    {
        var (os, version, translated, cpu, memory) = System();
        return new MachineReport(
            os,
            version,
            RuntimeInformation.OSArchitecture,
            RuntimeInformation.ProcessArchitecture,
            translated,
            cpu,
            memory,
            OperatingSystem.IsMacOS() ? new CudaReport(null, [], "CUDA does not run on macOS") : CudaProbe.ProbeThisMachine(),
            MetalProbe.ProbeThisMachine());
    }

    private static (string Os, string Version, bool? Translated, string? Cpu, long Memory) System()
    {
        if (OperatingSystem.IsMacOS())
        {
            return ("macOS", MacSystem.ProductVersion ?? Environment.OSVersion.Version.ToString(), MacSystem.TranslatedByRosetta, MacSystem.Chip, MacSystem.Memory);
        }

        if (OperatingSystem.IsLinux())
        {
            return ("Linux", LinuxSystem.Distribution ?? RuntimeInformation.OSDescription, null, LinuxSystem.Cpu, LinuxSystem.Memory);
        }

        return (OperatingSystem.IsWindows() ? "Windows" : RuntimeInformation.OSDescription, Environment.OSVersion.Version.ToString(), null, null, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }
}
