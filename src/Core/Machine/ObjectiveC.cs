using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace M1Env.Core.Machine;

/// <summary>
/// The Objective-C runtime calls the Metal probe needs. <c>objc_msgSend</c> must be called through
/// the exact C signature of each method (it is not variadic on arm64), so each shape has its own import.
/// </summary>
[SupportedOSPlatform("macos")]
internal static partial class ObjectiveC
{
    private const string Runtime = "/usr/lib/libobjc.A.dylib";

    [LibraryImport(Runtime, EntryPoint = "sel_registerName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr Selector(string name);

    [LibraryImport(Runtime, EntryPoint = "objc_msgSend")]
    public static partial IntPtr SendPointer(IntPtr receiver, IntPtr selector);

    [LibraryImport(Runtime, EntryPoint = "objc_msgSend")]
    public static partial IntPtr SendPointerWithIndex(IntPtr receiver, IntPtr selector, nuint index);

    [LibraryImport(Runtime, EntryPoint = "objc_msgSend")]
    public static partial nuint SendUnsigned(IntPtr receiver, IntPtr selector);

    [LibraryImport(Runtime, EntryPoint = "objc_msgSend")]
    public static partial ulong SendUInt64(IntPtr receiver, IntPtr selector);

    // BOOL is one byte on every Apple ABI (signed char on x86-64, bool on arm64).
    [LibraryImport(Runtime, EntryPoint = "objc_msgSend")]
    public static partial byte SendBool(IntPtr receiver, IntPtr selector);

    [LibraryImport(Runtime, EntryPoint = "objc_msgSend")]
    public static partial byte SendBoolWithInteger(IntPtr receiver, IntPtr selector, nint value);

    [LibraryImport(Runtime, EntryPoint = "objc_msgSend")]
    public static partial byte SendBoolWithPointer(IntPtr receiver, IntPtr selector, IntPtr value);

    [LibraryImport(Runtime, EntryPoint = "objc_msgSend")]
    public static partial void SendVoid(IntPtr receiver, IntPtr selector);

    public static bool RespondsTo(IntPtr receiver, string selector) =>
        SendBoolWithPointer(receiver, Selector("respondsToSelector:"), Selector(selector)) != 0;

    /// <summary>An NSString's text.</summary>
    public static string Text(IntPtr nsString) =>
        nsString == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUTF8(SendPointer(nsString, Selector("UTF8String"))) ?? string.Empty;
}
