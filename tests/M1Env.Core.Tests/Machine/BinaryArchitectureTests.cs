using System.Buffers.Binary;
using System.Runtime.InteropServices;
using M1Env.Core.Machine;
using M1Env.Testing;

namespace M1Env.Core.Tests.Machine;

public sealed class BinaryArchitectureTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-arch");

    public void Dispose() => temp.Dispose();

    private string Write(string name, byte[] content)
    {
        var path = temp.Combine(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] MachO(int cpuType)
    {
        var header = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xFEEDFACF);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), cpuType);
        return header;
    }

    [Fact]
    public void Reads_this_machines_own_interpreter_from_its_elf_header()
    {
        var python = new[] { "/usr/bin/python3", "/bin/sh" }.First(File.Exists);
        Assert.Equal([RuntimeInformation.OSArchitecture], BinaryArchitecture.Read(python));
    }

    [Fact]
    public void Tells_arm64_from_x86_64_mach_o()
    {
        Assert.Equal([Architecture.Arm64], BinaryArchitecture.Read(Write("arm", MachO(0x0100000C))));
        Assert.Equal([Architecture.X64], BinaryArchitecture.Read(Write("intel", MachO(0x01000007))));
    }

    [Fact]
    public void A_universal_binary_has_both()
    {
        var header = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0xCAFEBABE);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 0x01000007);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(28), 0x0100000C);
        Assert.Equal([Architecture.X64, Architecture.Arm64], BinaryArchitecture.Read(Write("universal", header)));
    }

    [Fact]
    public void A_script_is_judged_by_the_interpreter_its_shebang_names()
    {
        var intel = Write("python3.11", MachO(0x01000007));
        var script = Write("conda", System.Text.Encoding.UTF8.GetBytes($"#!{intel}\n# -*- coding: utf-8 -*-\nimport sys\n"));
        Assert.Equal([Architecture.X64], BinaryArchitecture.Read(script));

        var viaEnv = Write("conda-env", "#!/usr/bin/env python\n"u8.ToArray());
        Assert.Empty(BinaryArchitecture.Read(viaEnv));
    }

    [Fact]
    public void Unknown_missing_and_java_class_files_give_nothing()
    {
        var javaClass = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(javaClass, 0xCAFEBABE);
        BinaryPrimitives.WriteUInt32BigEndian(javaClass.AsSpan(4), 0x00000034);
        Assert.Empty(BinaryArchitecture.Read(Write("Main.class", javaClass)));
        Assert.Empty(BinaryArchitecture.Read(Write("text", "hello"u8.ToArray())));
        Assert.Empty(BinaryArchitecture.Read(temp.Combine("missing")));
    }

    [Fact]
    public void The_rosetta_rule_refuses_an_x86_64_python_on_apple_silicon_only()
    {
        var intel = Write("python3.11", MachO(0x01000007));
        var problem = RosettaRule.Problem(intel, BinaryArchitecture.Read(intel), hostIsAppleSilicon: true);

        Assert.NotNull(problem);
        Assert.Contains("built for x64, not arm64", problem, StringComparison.Ordinal);
        Assert.Null(RosettaRule.Problem(intel, BinaryArchitecture.Read(intel), hostIsAppleSilicon: false));
        var arm = Write("python3", MachO(0x0100000C));
        Assert.Null(RosettaRule.Problem(arm, BinaryArchitecture.Read(arm), hostIsAppleSilicon: true));
    }
}
