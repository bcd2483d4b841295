using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;

namespace M1Env.Core.Tests.Packaging;

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

    [Theory]
    [InlineData("osx-arm64", "osx-arm64")]
    [InlineData("osx-x64", "osx-64")]
    [InlineData("linux-x64", "linux-64")]
    [InlineData("linux-arm64", "linux-aarch64")]
    [InlineData("win-x64", "win-64")]
    public void One_table_gives_each_platform_its_conda_subdir_and_takes_the_subdir_as_its_name(string name, string subdir)
    {
        Assert.True(LockPlatform.TryParse(name, out var platform));
        Assert.Equal(subdir, platform.CondaSubdir);
        Assert.True(LockPlatform.TryParse(subdir, out var bySubdir));
        Assert.Same(platform, bySubdir);
        Assert.Same(platform, LockPlatform.Parse(name));
        Assert.Same(platform, LockPlatform.Parse(subdir));
    }

    [Fact]
    public void A_list_is_parsed_once_a_platform_and_an_unknown_name_is_a_setting_error()
    {
        Assert.Equal([LockPlatform.OsxArm64, LockPlatform.LinuxX64], LockPlatform.ParseAll(["osx-arm64", " linux-x64", "linux-64", "OSX-ARM64"]));
        var error = Assert.Throws<M1EnvException>(() => LockPlatform.Parse("beos-x86"));
        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
        Assert.Contains("beos-x86", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x86_64", "linux-x64 osx-x64")]
    [InlineData("AMD64", "win-x64")]
    [InlineData("amd64", "win-x64")]
    [InlineData("arm64", "osx-arm64")]
    [InlineData("aarch64", "linux-arm64")]
    [InlineData("ppc64le", "")]
    public void A_pythons_machine_is_the_platform_machine_of_the_table(string machine, string platforms) =>
        Assert.Equal(platforms.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), LockPlatform.All.Where(p => p.IsMachineOf(machine)).Select(p => p.Name).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("macosx_14_0_arm64", "osx-arm64")]
    [InlineData("macosx_10_9_x86_64", "osx-x64")]
    [InlineData("macosx_10_9_universal2", "osx-arm64 osx-x64")]
    [InlineData("manylinux_2_17_x86_64", "linux-x64")]
    [InlineData("manylinux2014_aarch64", "linux-arm64")]
    [InlineData("musllinux_1_2_x86_64", "linux-x64")]
    [InlineData("win_amd64", "win-x64")]
    [InlineData("win32", "")]
    [InlineData("any", "osx-arm64 osx-x64 linux-x64 linux-arm64 win-x64")]
    public void Tells_the_platforms_a_wheel_platform_tag_runs_on(string tag, string platforms) =>
        Assert.Equal(platforms, string.Join(" ", LockPlatform.OfWheelPlatformTag(tag).Select(p => p.Name)));

    [Fact]
    public void Marks_each_platform_by_its_system_and_machine()
    {
        Assert.Equal("(sys_platform == 'darwin' and platform_machine == 'arm64')", LockPlatform.OsxArm64.Marker);
        Assert.Equal("(sys_platform == 'linux' and platform_machine == 'aarch64')", LockPlatform.LinuxArm64.Marker);
        var values = LockPlatform.OsxArm64.MarkerValues("3.11.7");
        Assert.Equal(("darwin", "arm64", "Darwin", "3.11"), (values.SysPlatform, values.PlatformMachine, values.PlatformSystem, values.PythonVersion));
    }
}
