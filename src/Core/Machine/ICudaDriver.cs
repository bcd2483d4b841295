namespace M1Env.Core.Machine;

/// <summary>The few CUDA driver API calls the probe makes; each returns the driver's CUresult (0 is success).</summary>
public interface ICudaDriver
{
    int Init();

    int DriverGetVersion(out int version);

    int DeviceGetCount(out int count);

    int DeviceGet(out int device, int ordinal);

    int DeviceGetName(out string name, int device);

    int DeviceTotalMem(out long bytes, int device);

    int DeviceGetAttribute(out int value, int attribute, int device);

    /// <summary>The driver's name for a result code (CUDA_ERROR_NO_DEVICE...), or the number.</summary>
    string ErrorName(int result);
}
