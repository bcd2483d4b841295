using System.Runtime.InteropServices;
using System.Text;

namespace M1Env.Core.Machine;

/// <summary>
/// The CUDA driver API (<c>libcuda.so.1</c>, <c>nvcuda.dll</c>), loaded with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>
/// so a machine without it is an answer, not a crash. Only device queries are made: <c>cuInit</c> and
/// the <c>cuDevice*</c> calls create no context, so nothing is left behind in the process.
/// </summary>
public sealed class NativeCudaDriver : ICudaDriver, IDisposable
{
    private readonly IntPtr library;
    private readonly CuInit init;
    private readonly CuIntOut driverGetVersion;
    private readonly CuIntOut deviceGetCount;
    private readonly CuDeviceGet deviceGet;
    private readonly CuDeviceGetName deviceGetName;
    private readonly CuDeviceTotalMem deviceTotalMem;
    private readonly CuDeviceGetAttribute deviceGetAttribute;
    private readonly CuGetErrorName? getErrorName;

    private NativeCudaDriver(IntPtr library)
    {
        this.library = library;
        init = Export<CuInit>("cuInit");
        driverGetVersion = Export<CuIntOut>("cuDriverGetVersion");
        deviceGetCount = Export<CuIntOut>("cuDeviceGetCount");
        deviceGet = Export<CuDeviceGet>("cuDeviceGet");
        deviceGetName = Export<CuDeviceGetName>("cuDeviceGetName");
        deviceTotalMem = Export<CuDeviceTotalMem>("cuDeviceTotalMem_v2");
        deviceGetAttribute = Export<CuDeviceGetAttribute>("cuDeviceGetAttribute");
        getErrorName = NativeLibrary.TryGetExport(library, "cuGetErrorName", out var address)
            ? Marshal.GetDelegateForFunctionPointer<CuGetErrorName>(address)
            : null;
    }

    [UnmanagedFunctionPointer(CallingConvention.Winapi)]
    private delegate int CuInit(uint flags);

    [UnmanagedFunctionPointer(CallingConvention.Winapi)]
    private delegate int CuIntOut(out int value);

    [UnmanagedFunctionPointer(CallingConvention.Winapi)]
    private delegate int CuDeviceGet(out int device, int ordinal);

    [UnmanagedFunctionPointer(CallingConvention.Winapi)]
    private delegate int CuDeviceGetName(byte[] name, int length, int device);

    [UnmanagedFunctionPointer(CallingConvention.Winapi)]
    private delegate int CuDeviceTotalMem(out nuint bytes, int device);

    [UnmanagedFunctionPointer(CallingConvention.Winapi)]
    private delegate int CuDeviceGetAttribute(out int value, int attribute, int device);

    [UnmanagedFunctionPointer(CallingConvention.Winapi)]
    private delegate int CuGetErrorName(int result, out IntPtr name);

    /// <summary>The driver, or null with the reason when this machine has none (or one without the calls the probe needs).</summary>
    public static NativeCudaDriver? TryLoad(out string? problem)
    {
        var names = OperatingSystem.IsWindows() ? new[] { "nvcuda.dll" } : ["libcuda.so.1", "libcuda.so"];
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                continue;
            }

            try
            {
                problem = null;
                return new NativeCudaDriver(handle);
            }
            catch (EntryPointNotFoundException exception)
            {
                NativeLibrary.Free(handle);
                problem = $"the CUDA driver {name} lacks {exception.Message}";
                return null;
            }
        }

        problem = $"no NVIDIA driver ({string.Join(" or ", names)} could not be loaded)";
        return null;
    }

    public int Init() => init(0);

    public int DriverGetVersion(out int version) => driverGetVersion(out version);

    public int DeviceGetCount(out int count) => deviceGetCount(out count);

    public int DeviceGet(out int device, int ordinal) => deviceGet(out device, ordinal);

    public int DeviceGetName(out string name, int device)
    {
        var buffer = new byte[256];
        var result = deviceGetName(buffer, buffer.Length, device);
        var end = Array.IndexOf(buffer, (byte)0);
        name = Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
        return result;
    }

    public int DeviceTotalMem(out long bytes, int device)
    {
        var result = deviceTotalMem(out var size, device);
        bytes = (long)size;
        return result;
    }

    public int DeviceGetAttribute(out int value, int attribute, int device) => deviceGetAttribute(out value, attribute, device);

    public string ErrorName(int result) =>
        getErrorName is not null && getErrorName(result, out var name) == 0 && name != IntPtr.Zero
            ? Marshal.PtrToStringAnsi(name) ?? result.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : result.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => NativeLibrary.Free(library);

    private T Export<T>(string name)
        where T : Delegate =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : throw new EntryPointNotFoundException(name);
}
