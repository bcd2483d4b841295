using M1Env.Core.Packaging.Markers;

namespace M1Env.Core.Tests.Packaging.Markers;

public sealed class MarkerParserTests
{
    // Expected values are what pip's vendored packaging 24.1 answers for the same environments.
    [Theory]
    [InlineData("sys_platform == 'linux'", true, false, false)]
    [InlineData("sys_platform != 'win32'", true, true, false)]
    [InlineData("sys_platform == 'darwin' and platform_machine == 'arm64'", false, true, false)]
    [InlineData("platform_system == 'Windows' or platform_system == 'Darwin'", false, true, true)]
    [InlineData("os_name == 'nt'", false, false, true)]
    [InlineData("python_version < '3.12'", true, false, false)]
    [InlineData("python_version >= '3.12'", false, true, true)]
    [InlineData("python_version ~= '3.11'", true, true, true)]
    [InlineData("python_version == '3.12.*'", false, true, false)]
    [InlineData("python_full_version >= '3.13.0'", false, false, false)]
    [InlineData("python_full_version < '3.13'", true, true, false)]
    [InlineData("python_version > '3.11'", false, true, true)]
    [InlineData("'3.11' < python_version", false, true, true)]
    [InlineData("python_version in '3.11 3.12'", true, true, false)]
    [InlineData("python_version not in '3.11 3.12'", false, false, true)]
    [InlineData("'arm' in platform_machine", false, true, false)]
    [InlineData("(sys_platform == 'linux' or sys_platform == 'win32') and python_version >= '3.12'", false, false, true)]
    [InlineData("sys_platform == 'linux' or sys_platform == 'win32' and python_version >= '3.12'", true, false, true)]
    [InlineData("implementation_name == 'cpython' and platform_python_implementation != 'PyPy'", true, true, true)]
    [InlineData("platform_machine < 'b'", false, true, true)]
    [InlineData("python_full_version === '3.12.1'", false, true, false)]
    [InlineData("platform_release >= '20'", false, true, false)]
    [InlineData("os.name == 'posix'", true, true, false)]
    [InlineData("python_version != '3.11.0'", false, true, true)]
    [InlineData("python_version == '3.11.0'", true, false, false)]
    [InlineData("extra == ''", true, true, true)]
    [InlineData("  ( ( sys_platform==\"linux\" ) )  ", true, false, false)]
    public void Evaluates_as_packaging_does(string marker, bool linux, bool osx, bool windows)
    {
        var parsed = MarkerParser.Parse(marker);

        Assert.Equal(linux, parsed.Evaluate(MarkerEnvironments.LinuxX64Cp311));
        Assert.Equal(osx, parsed.Evaluate(MarkerEnvironments.OsxArm64Cp312));
        Assert.Equal(windows, parsed.Evaluate(MarkerEnvironments.WinX64Cp313Rc));
    }

    [Fact]
    public void A_release_that_is_no_version_is_compared_as_a_string_where_packaging_24_raises()
    {
        var environment = MarkerEnvironments.LinuxX64Cp311 with { PlatformRelease = "5.15.0-91-generic" };

        Assert.True(Marker.Parse("platform_release >= '5.10'").Evaluate(environment));
    }

    [Fact]
    public void Extras_and_dependency_groups_are_sets()
    {
        var environment = MarkerEnvironments.LinuxX64Cp311 with { DependencyGroups = ["dev"] };

        Assert.True(Marker.Parse("'dev' in dependency_groups").Evaluate(environment));
        Assert.False(Marker.Parse("'test' in dependency_groups").Evaluate(environment));
        Assert.True(Marker.Parse("'cuda' not in extras").Evaluate(environment));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sys_platform")]
    [InlineData("sys_platform = 'linux'")]
    [InlineData("sys_platform == 'linux")]
    [InlineData("color == 'red'")]
    [InlineData("(sys_platform == 'linux'")]
    [InlineData("sys_platform == 'linux' and")]
    [InlineData("sys_platform == 'linux' xor os_name == 'nt'")]
    [InlineData("python_version not '3.11'")]
    [InlineData("sys_platform == 'linux' oros_name == 'nt'")]
    public void Malformed_markers_are_refused(string marker) =>
        Assert.Throws<MarkerException>(() => MarkerParser.Parse(marker));

    [Fact]
    public void A_comparison_packaging_refuses_is_refused() =>
        Assert.Throws<MarkerException>(() => Marker.Parse("sys_platform ~= 'linux'").Evaluate(MarkerEnvironments.LinuxX64Cp311));
}
