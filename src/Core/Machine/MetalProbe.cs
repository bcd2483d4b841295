using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace M1Env.Core.Machine;

/// <summary>
/// Lists the Metal devices of this Mac through the Objective-C runtime, without a binding library:
/// <c>MTLCopyAllDevices</c> (a command-line process gets nothing from <c>MTLCreateSystemDefaultDevice</c>
/// unless CoreGraphics is loaded, so CoreGraphics is loaded first and every device is listed), then each
/// device's name, unified memory, recommended working set and GPU families. The array is released.
/// </summary>
public static class MetalProbe
{
    private const string MetalFramework = "/System/Library/Frameworks/Metal.framework/Metal";
    private const string CoreGraphicsFramework = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics";
    private const nint GpuFamilyApple7 = 1007;
    private const nint GpuFamilyMetal3 = 5001;

    private delegate IntPtr CopyAllDevices();

    public static MetalReport ProbeThisMachine()
    {
        if (!OperatingSystem.IsMacOS())
        {
            return new MetalReport([], "Metal exists on macOS only");
        }

        return ProbeMac();
    }

    [SupportedOSPlatform("macos")]
    private static MetalReport ProbeMac()
    {
        if (!NativeLibrary.TryLoad(MetalFramework, out var metal))
        {
            return new MetalReport([], "the Metal framework could not be loaded");
        }

        NativeLibrary.TryLoad(CoreGraphicsFramework, out _);
        if (!NativeLibrary.TryGetExport(metal, "MTLCopyAllDevices", out var address))
        {
            return new MetalReport([], "this macOS has no MTLCopyAllDevices");
        }

        var array = Marshal.GetDelegateForFunctionPointer<CopyAllDevices>(address)();
        if (array == IntPtr.Zero)
        {
            return new MetalReport([], "Metal lists no device (a virtual machine without GPU access?)");
        }

        try
        {
            var count = ObjectiveC.SendUnsigned(array, ObjectiveC.Selector("count"));
            var devices = new List<MetalDevice>();
            for (nuint i = 0; i < count; i++)
            {
                devices.Add(Describe(ObjectiveC.SendPointerWithIndex(array, ObjectiveC.Selector("objectAtIndex:"), i)));
            }

            return new MetalReport(devices, devices.Count == 0 ? "Metal lists no device (a virtual machine without GPU access?)" : null);
        }
        finally
        {
            ObjectiveC.SendVoid(array, ObjectiveC.Selector("release"));
        }
    }

    [SupportedOSPlatform("macos")]
    private static MetalDevice Describe(IntPtr device)
    {
        var name = ObjectiveC.Text(ObjectiveC.SendPointer(device, ObjectiveC.Selector("name")));
        var unified = ObjectiveC.RespondsTo(device, "hasUnifiedMemory") && ObjectiveC.SendBool(device, ObjectiveC.Selector("hasUnifiedMemory")) != 0;
        var workingSet = ObjectiveC.RespondsTo(device, "recommendedMaxWorkingSetSize")
            ? (long)ObjectiveC.SendUInt64(device, ObjectiveC.Selector("recommendedMaxWorkingSetSize"))
            : 0;
        var families = ObjectiveC.RespondsTo(device, "supportsFamily:");
        bool Supports(nint family) => families && ObjectiveC.SendBoolWithInteger(device, ObjectiveC.Selector("supportsFamily:"), family) != 0;
        return new MetalDevice(name, unified, workingSet, Supports(GpuFamilyApple7), Supports(GpuFamilyMetal3));
    }
}
