using M1Env.Core.Packaging;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public class PackagePlatformsTests
{
    private static PackagePlatforms Read(string? platforms, string? markers)
    {
        var read = PackagePlatforms.TryRead(platforms, markers, out var problem);
        Assert.True(read is not null, problem);
        return read!;
    }

    [Fact]
    public void Nothing_written_applies_everywhere_with_no_marker()
    {
        var everywhere = Read(null, "  ");
        Assert.True(everywhere.IsEverywhere);
        Assert.Null(everywhere.Marker);
        Assert.All(LockPlatform.All, p => Assert.True(everywhere.AppliesTo(p, "3.11")));
    }

    [Fact]
    public void Platforms_are_read_in_table_order_from_names_or_conda_subdirs()
    {
        var read = Read(" linux-64 ; osx-arm64,osx-arm64", null);
        Assert.Equal([LockPlatform.OsxArm64, LockPlatform.LinuxX64], read.Platforms);
        Assert.Equal(
            "(sys_platform == 'darwin' and platform_machine == 'arm64') or (sys_platform == 'linux' and platform_machine == 'x86_64')",
            read.Marker);
    }

    [Theory]
    [InlineData("osx-arm64;macos", null, "macos")]
    [InlineData(null, "sys_platform = 'darwin'", "not a PEP 508 marker")]
    [InlineData(null, "python_version ~= platform_machine", "not a PEP 508 marker")]
    public void A_wrong_name_or_marker_is_refused_with_its_reason(string? platforms, string? markers, string reason)
    {
        Assert.Null(PackagePlatforms.TryRead(platforms, markers, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_wrong_marker_is_quoted_shortened()
    {
        Assert.Null(PackagePlatforms.TryRead(null, "sys_platform == " + new string('x', 5000), out var problem));
        Assert.True(problem!.Length < 600, problem);
    }

    [Theory]
    [InlineData("osx-arm64", null, "osx-arm64")]
    [InlineData(null, "sys_platform == 'darwin'", "osx-arm64 osx-x64")]
    [InlineData("osx-arm64;linux-x64", "platform_system != 'Darwin'", "linux-x64")]
    [InlineData("linux-x64;linux-arm64", "python_version >= '3.12'", "")]
    [InlineData(null, "platform_machine == 'AMD64' or platform_machine == 'aarch64'", "linux-arm64 win-x64")]
    public void Both_must_hold_and_markers_are_evaluated_per_platform(string? platforms, string? markers, string applies)
    {
        var read = Read(platforms, markers);
        Assert.Equal(applies, string.Join(" ", LockPlatform.All.Where(p => read.AppliesTo(p, "3.11")).Select(p => p.Name)));
    }

    [Fact]
    public void The_marker_of_both_joins_them_with_and()
    {
        var read = Read("win-x64", "python_version < '3.13'");
        Assert.Equal("((sys_platform == 'win32' and platform_machine == 'AMD64')) and (python_version < '3.13')", read.Marker);
        Assert.True(M1Env.Core.Packaging.Markers.Marker.Parse(read.Marker!).Evaluate(LockPlatform.WinX64.MarkerValues("3.12")));
        Assert.False(M1Env.Core.Packaging.Markers.Marker.Parse(read.Marker!).Evaluate(LockPlatform.WinX64.MarkerValues("3.13")));
    }

    [Fact]
    public void On_an_unknown_platform_only_a_package_without_platforms_can_apply()
    {
        Assert.False(Read("linux-x64", null).AppliesTo(null, "3.11"));
        Assert.True(Read(null, "python_version >= '3.10'").AppliesTo(null, "3.11"));
    }
}
