using M1Env.Core.Machine;

namespace M1Env.Core.Tests.Machine;

public class CudaProbeTests
{
    /// <summary>
    /// A CUDA driver answering as the real one did on an NVIDIA H200 (driver 580.159.04, CUDA 13.0), where
    /// `m1env probe` printed exactly these values; with failures to inject. This machine has no NVIDIA driver.
    /// </summary>
    private sealed class RecordedDriver : ICudaDriver
    {
        public int InitResult { get; init; }

        public int Devices { get; init; } = 1;

        public int Init() => InitResult;

        public int DriverGetVersion(out int version)
        {
            version = 13000;
            return 0;
        }

        public int DeviceGetCount(out int count)
        {
            count = Devices;
            return InitResult == 0 ? 0 : InitResult;
        }

        public int DeviceGet(out int device, int ordinal)
        {
            device = ordinal;
            return 0;
        }

        public int DeviceGetName(out string name, int device)
        {
            name = "NVIDIA H200";
            return 0;
        }

        public int DeviceTotalMem(out long bytes, int device)
        {
            bytes = 150109880320;
            return 0;
        }

        public int DeviceGetAttribute(out int value, int attribute, int device)
        {
            value = attribute switch { 75 => 9, 76 => 0, 16 => 132, _ => -1 };
            return 0;
        }

        public string ErrorName(int result) => result == 100 ? "CUDA_ERROR_NO_DEVICE" : result.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Reads_the_driver_version_and_each_device()
    {
        var report = CudaProbe.Probe(new RecordedDriver { Devices = 2 });

        Assert.Equal("13.0", report.DriverVersion);
        Assert.True(report.IsUsable);
        Assert.Equal(
            [new CudaDevice(0, "NVIDIA H200", 150109880320, "9.0", 132), new CudaDevice(1, "NVIDIA H200", 150109880320, "9.0", 132)],
            report.Devices);
    }

    [Fact]
    public void A_driver_that_does_not_start_is_a_reason_not_a_crash()
    {
        var report = CudaProbe.Probe(new RecordedDriver { InitResult = 100 });

        Assert.False(report.IsUsable);
        Assert.Equal("the CUDA driver did not start (CUDA_ERROR_NO_DEVICE)", report.Problem);
        Assert.Equal("13.0", report.DriverVersion);
    }

    [Fact]
    public void No_gpu_is_said_plainly()
    {
        Assert.Equal("the CUDA driver sees no GPU", CudaProbe.Probe(new RecordedDriver { Devices = 0 }).Problem);
    }

    [Fact]
    public void This_machine_without_an_nvidia_driver_is_an_answer()
    {
        var machine = MachineProbe.ProbeThisMachine();

        Assert.True(machine.MemoryBytes > 0);
        Assert.Equal(machine.Cuda.IsUsable ? Accelerator.Cuda : Accelerator.Cpu, machine.Accelerator);
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libcuda.so.1") && OperatingSystem.IsLinux())
        {
            Assert.StartsWith("no NVIDIA driver", machine.Cuda.Problem, StringComparison.Ordinal);
        }

        if (!OperatingSystem.IsMacOS())
        {
            Assert.Equal("Metal exists on macOS only", machine.Metal.Problem);
        }
    }
}
