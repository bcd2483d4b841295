using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace M1Env.Core.Machine;

/// <summary>Facts about a Mac from <c>sysctlbyname</c>: Rosetta, the chip, memory, the macOS version.</summary>
[SupportedOSPlatform("macos")]
internal static partial class MacSystem
{
    [LibraryImport("/usr/lib/libSystem.dylib", EntryPoint = "sysctlbyname", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysctlByName(string name, byte[]? value, ref nuint length, IntPtr newValue, nuint newLength);

    /// <summary><c>sysctl.proc_translated</c>: 1 under Rosetta, 0 natively; missing on Intel Macs (not translated).</summary>
    public static bool TranslatedByRosetta => Integer("sysctl.proc_translated") == 1;

    public static string? Chip => Text("machdep.cpu.brand_string");

    public static long Memory => Integer("hw.memsize") ?? 0;

    public static string? ProductVersion => Text("kern.osproductversion");

    private static long? Integer(string name)
    {
        var bytes = Read(name);
        return bytes?.Length switch
        {
            4 => BitConverter.ToInt32(bytes),
            8 => BitConverter.ToInt64(bytes),
            _ => null,
        };
    }

    private static string? Text(string name) => Read(name) is { } bytes ? Encoding.UTF8.GetString(bytes).TrimEnd('\0') : null;

    private static byte[]? Read(string name)
    {
        nuint length = 0;
        if (SysctlByName(name, null, ref length, IntPtr.Zero, 0) != 0 || length == 0)
        {
            return null;
        }

        var buffer = new byte[length];
        return SysctlByName(name, buffer, ref length, IntPtr.Zero, 0) == 0 ? buffer[..(int)length] : null;
    }
}
