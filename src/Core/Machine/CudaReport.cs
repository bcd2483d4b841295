namespace M1Env.Core.Machine;

/// <summary>What the CUDA driver of this machine says, or why it could not be asked.</summary>
/// <param name="DriverVersion">The CUDA version the driver supports, e.g. <c>12.4</c>; null when the driver was not found.</param>
/// <param name="Problem">Why no device is listed (no driver, the driver failed to start), or null.</param>
public sealed record CudaReport(string? DriverVersion, IReadOnlyList<CudaDevice> Devices, string? Problem)
{
    public bool IsUsable => Devices.Count > 0;
}
