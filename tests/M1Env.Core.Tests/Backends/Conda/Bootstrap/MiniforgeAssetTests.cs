using System.Runtime.InteropServices;
using M1Env.Core.Backends.Conda.Bootstrap;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Tests.Backends.Conda.Bootstrap;

public sealed class MiniforgeAssetTests
{
    public static TheoryData<string, Architecture, string> Published => new()
    {
        { "OSX", Architecture.Arm64, "Miniforge3-25.3.1-0-MacOSX-arm64.sh" },
        { "OSX", Architecture.X64, "Miniforge3-25.3.1-0-MacOSX-x86_64.sh" },
        { "LINUX", Architecture.X64, "Miniforge3-25.3.1-0-Linux-x86_64.sh" },
        { "LINUX", Architecture.Arm64, "Miniforge3-25.3.1-0-Linux-aarch64.sh" },
        { "LINUX", Architecture.Ppc64le, "Miniforge3-25.3.1-0-Linux-ppc64le.sh" },
        { "WINDOWS", Architecture.X64, "Miniforge3-25.3.1-0-Windows-x86_64.exe" },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Picks_the_installer_conda_forge_publishes_for_each_machine(string os, Architecture architecture, string fileName)
    {
        var asset = MiniforgeAsset.For(OSPlatform.Create(os), architecture);

        Assert.Equal(fileName, asset.FileName("25.3.1-0"));
        Assert.Equal(os == "WINDOWS", asset.IsWindowsInstaller);
    }

    [Theory]
    [InlineData("WINDOWS", Architecture.Arm64)]
    [InlineData("LINUX", Architecture.X86)]
    [InlineData("LINUX", Architecture.Arm)]
    [InlineData("OSX", Architecture.Ppc64le)]
    [InlineData("FREEBSD", Architecture.X64)]
    public void A_machine_without_an_installer_is_a_conda_not_found_error_that_says_what_to_do(string os, Architecture architecture)
    {
        var error = Assert.Throws<M1EnvException>(() => MiniforgeAsset.For(OSPlatform.Create(os), architecture));

        Assert.Equal(ErrorCodes.CondaNotFound, error.Code);
        Assert.Contains(os, error.Message, StringComparison.Ordinal);
        Assert.Contains(architecture.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("M1EnvCondaExe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void This_machine_gets_the_installer_of_its_OS_and_CPU()
    {
        var asset = MiniforgeAsset.ForCurrentMachine();

        if (OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64)
        {
            Assert.Equal(new MiniforgeAsset("Linux-x86_64", ".sh"), asset);
        }

        Assert.Equal(OperatingSystem.IsWindows(), asset.IsWindowsInstaller);
    }
}
