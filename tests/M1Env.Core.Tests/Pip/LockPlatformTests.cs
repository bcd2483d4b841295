using M1Env.Core.Pip;

namespace M1Env.Core.Tests.Pip;

public class LockPlatformTests
{
    [Theory]
    [InlineData("osx-arm64", "darwin", "arm64", "macosx_11_0_arm64")]
    [InlineData("osx-x64", "darwin", "x86_64", "macosx_10_9_x86_64")]
    [InlineData("linux-x64", "linux", "x86_64", "manylinux2014_x86_64")]
    [InlineData("linux-arm64", "linux", "aarch64", "manylinux_2_17_aarch64")]
    [InlineData(" WIN-X64 ", "win32", "AMD64", "win_amd64")]
    public void Parses_each_name_with_its_markers_and_wheel_tags(string name, string sysPlatform, string machine, string tag)
    {
        Assert.True(LockPlatform.TryParse(name, out var platform));
        Assert.Equal(name.Trim().ToLowerInvariant(), platform.Name);
        Assert.Equal((sysPlatform, machine), (platform.SysPlatform, platform.PlatformMachine));
        Assert.Contains(tag, platform.PipPlatformTags);
    }

    [Theory]
    [InlineData("win-arm64")]
    [InlineData("osx")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_a_name_no_lock_knows(string? name) => Assert.False(LockPlatform.TryParse(name, out _));

    [Fact]
    public void Lists_the_tags_pip_does_not_expand_from_the_oldest_system_up()
    {
        Assert.Equal(
            ["macosx_11_0_arm64", "macosx_12_0_arm64", "macosx_13_0_arm64", "macosx_14_0_arm64", "macosx_15_0_arm64"],
            LockPlatform.OsxArm64.PipPlatformTags);
        var linux = LockPlatform.LinuxX64.PipPlatformTags;
        Assert.Equal(["manylinux1_x86_64", "manylinux2010_x86_64", "manylinux2014_x86_64", "manylinux_2_17_x86_64"], linux.Take(4));
        Assert.Contains("manylinux_2_28_x86_64", linux);
        Assert.Equal("linux_x86_64", linux[^1]);
        Assert.Equal(["win_amd64"], LockPlatform.WinX64.PipPlatformTags);
    }

    [Fact]
    public void Gives_the_pep_508_marker_environment_of_the_platform()
    {
        var markers = LockPlatform.WinX64.MarkerEnvironment("3.11.7");

        Assert.Equal("nt", markers["os_name"]);
        Assert.Equal("Windows", markers["platform_system"]);
        Assert.Equal("3.11", markers["python_version"]);
        Assert.Equal("cpython", markers["implementation_name"]);
        Assert.False(markers.ContainsKey("python_full_version"));
    }

    [Fact]
    public void This_linux_x64_machine_is_linux_x64()
    {
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.Same(LockPlatform.LinuxX64, LockPlatform.Current);
        }
    }
}
