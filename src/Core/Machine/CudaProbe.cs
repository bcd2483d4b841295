using System.Globalization;

namespace M1Env.Core.Machine;

/// <summary>Asks the CUDA driver for its version and every device, turning each failure into a reason.</summary>
public static class CudaProbe
{
    private const int ComputeCapabilityMajor = 75;
    private const int ComputeCapabilityMinor = 76;
    private const int MultiprocessorCount = 16;

    /// <summary>Probes this machine's driver, loading it only for the probe.</summary>
    public static CudaReport ProbeThisMachine()
    {
        using var driver = NativeCudaDriver.TryLoad(out var problem);
        return driver is null ? new CudaReport(null, [], problem) : Probe(driver);
    }

    public static CudaReport Probe(ICudaDriver driver)
    {
        var version = driver.DriverGetVersion(out var raw) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{raw / 1000}.{raw % 1000 / 10}")
            : null;
        var init = driver.Init();
        if (init != 0)
        {
            return new CudaReport(version, [], $"the CUDA driver did not start ({driver.ErrorName(init)})");
        }

        var count = driver.DeviceGetCount(out var devices);
        if (count != 0 || devices == 0)
        {
            return new CudaReport(version, [], count != 0 ? $"the CUDA driver lists no devices ({driver.ErrorName(count)})" : "the CUDA driver sees no GPU");
        }

        var found = new List<CudaDevice>();
        for (var ordinal = 0; ordinal < devices; ordinal++)
        {
            if (driver.DeviceGet(out var device, ordinal) != 0)
            {
                continue;
            }

            driver.DeviceGetName(out var name, device);
            driver.DeviceTotalMem(out var memory, device);
            driver.DeviceGetAttribute(out var major, ComputeCapabilityMajor, device);
            driver.DeviceGetAttribute(out var minor, ComputeCapabilityMinor, device);
            driver.DeviceGetAttribute(out var multiprocessors, MultiprocessorCount, device);
            found.Add(new CudaDevice(ordinal, name, memory, string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}"), multiprocessors));
        }

        return new CudaReport(version, found, found.Count == 0 ? "no device could be read" : null);
    }
}
