using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace M1Env.Core.Machine;

/// <summary>
/// The CPU architectures an executable is built for, read from its Mach-O, ELF or PE header without
/// starting it. A script (<c>#!</c>) is judged by the interpreter its first line names, so conda's
/// Python launcher script tells the architecture of the Python that would run it.
/// </summary>
public static class BinaryArchitecture
{
    private const uint MachO64 = 0xFEEDFACF;
    private const uint MachO32 = 0xFEEDFACE;
    private const uint FatMagic = 0xCAFEBABE;
    private const uint FatMagic64 = 0xCAFEBABF;
    private const int CpuTypeX86 = 7;
    private const int CpuTypeArm = 12;
    private const int CpuArch64 = 0x01000000;

    /// <summary>The architectures in the file (two for a universal binary); empty when the file is unreadable or of no known format.</summary>
    public static IReadOnlyList<Architecture> Read(string path) => Read(path, depth: 0);

    private static IReadOnlyList<Architecture> Read(string path, int depth)
    {
        byte[] header;
        try
        {
            using var stream = File.OpenRead(path);
            header = new byte[4096];
            header = header[..stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        if (header.Length >= 2 && header[0] == '#' && header[1] == '!')
        {
            return depth < 4 && ShebangInterpreter(header) is { } interpreter ? Read(interpreter, depth + 1) : [];
        }

        if (header.Length < 64)
        {
            return [];
        }

        return ReadElf(header) ?? ReadMachO(header) ?? ReadPe(header) ?? [];
    }

    private static Architecture[]? ReadElf(byte[] header)
    {
        if (header[0] != 0x7F || header[1] != 'E' || header[2] != 'L' || header[3] != 'F')
        {
            return null;
        }

        var machine = header[5] == 2 ? BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(18)) : BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18));
        return machine switch
        {
            62 => [Architecture.X64],
            183 => [Architecture.Arm64],
            3 => [Architecture.X86],
            40 => [Architecture.Arm],
            21 => [Architecture.Ppc64le],
            22 => [Architecture.S390x],
            _ => [],
        };
    }

    private static Architecture[]? ReadMachO(byte[] header)
    {
        var little = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (little is MachO64 or MachO32)
        {
            return FromCpuType(BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4))) is { } single ? [single] : [];
        }

        var big = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (big is not (FatMagic or FatMagic64))
        {
            return null;
        }

        // A universal binary: a big-endian table of (cputype, ...) entries, 20 bytes each (32 for the 64-bit table).
        var count = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        var entrySize = big == FatMagic ? 20 : 32;

        // Java class files share 0xCAFEBABE; their "count" is a version number far above any real slice count.
        if (count is 0 or > 16 || 8 + (count * entrySize) > header.Length)
        {
            return null;
        }

        return Enumerable.Range(0, (int)count)
            .Select(i => FromCpuType(BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8 + (i * entrySize)))))
            .OfType<Architecture>()
            .Distinct()
            .ToArray();
    }

    private static Architecture[]? ReadPe(byte[] header)
    {
        if (header[0] != 'M' || header[1] != 'Z')
        {
            return null;
        }

        var offset = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(0x3C));
        if (offset < 0 || offset + 6 > header.Length || header[offset] != 'P' || header[offset + 1] != 'E')
        {
            return [];
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(offset + 4)) switch
        {
            0x8664 => [Architecture.X64],
            0xAA64 => [Architecture.Arm64],
            0x014C => [Architecture.X86],
            _ => [],
        };
    }

    private static Architecture? FromCpuType(int cpuType) => cpuType switch
    {
        CpuTypeX86 | CpuArch64 => Architecture.X64,
        CpuTypeArm | CpuArch64 => Architecture.Arm64,
        CpuTypeX86 => Architecture.X86,
        CpuTypeArm => Architecture.Arm,
        _ => null,
    };

    /// <summary>The absolute interpreter path of a <c>#!</c> line; null for <c>#!/usr/bin/env python</c>, which names no file.</summary>
    private static string? ShebangInterpreter(byte[] header)
    {
        var end = Array.IndexOf(header, (byte)'\n');
        var line = System.Text.Encoding.UTF8.GetString(header, 2, (end < 0 ? header.Length : end) - 2).Trim();
        var interpreter = line.Split(' ', '\t')[0];
        return Path.IsPathFullyQualified(interpreter) && Path.GetFileName(interpreter) != "env" ? interpreter : null;
    }
}
