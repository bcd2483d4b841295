using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Tests.Packaging.Pep751;

public sealed class PyLockSelectorTests
{
    private static readonly PyLock Lock = LockSamples.Numpy() with
    {
        RequiresPython = ">=3.11",
        Packages =
        [
            .. LockSamples.Numpy().Packages.Where(p => p.Name != "numpy"),
            new PyLockPackage("numpy", "2.2.3",
            [
                LockSamples.Wheel("numpy-2.2.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", 'c'),
                LockSamples.Wheel("numpy-2.2.3-cp311-cp311-musllinux_1_2_x86_64.whl", 'c'),
                LockSamples.Wheel("numpy-2.2.3-cp312-cp312-macosx_14_0_arm64.whl", 'd'),
                LockSamples.Wheel("numpy-2.2.3-cp312-cp312-macosx_10_13_x86_64.whl", 'd'),
                LockSamples.Wheel("numpy-2.2.3-cp313-cp313-win_amd64.whl", 'e'),
                LockSamples.Wheel("numpy-2.2.3-cp313-cp313-win32.whl", 'e'),
            ]),
            new PyLockPackage("orjson", "3.10.0",
            [
                LockSamples.Wheel("orjson-3.10.0-cp38-abi3-manylinux_2_28_x86_64.whl", '3'),
                LockSamples.Wheel("orjson-3.10.0-cp38-abi3-manylinux_2_17_x86_64.whl", '3'),
                LockSamples.Wheel("orjson-3.10.0-cp38-abi3-macosx_10_15_x86_64.macosx_11_0_arm64.macosx_10_15_universal2.whl", '3'),
                LockSamples.Wheel("orjson-3.10.0-cp38-abi3-win_amd64.whl", '3'),
                LockSamples.Wheel("orjson-3.10.0-py3-none-any.whl", '3'),
            ]),
        ],
    };

    [Fact]
    public void Linux_x64_gets_the_manylinux_wheels_skips_windows_only_packages_and_prefers_the_newest_glibc()
    {
        var selected = Files(PyLockSelector.Select(Lock, TagSets.LinuxX64()));

        Assert.Equal(
            [
                "numpy-2.2.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "orjson-3.10.0-cp38-abi3-manylinux_2_28_x86_64.whl",
                "requests-2.32.3-py3-none-any.whl",
                "urllib3-2.3.0-py3-none-any.whl",
            ],
            selected);
    }

    [Fact]
    public void Osx_arm64_gets_arm64_wheels_from_compressed_tag_sets()
    {
        var selected = Files(PyLockSelector.Select(Lock, TagSets.OsxArm64()));

        Assert.Contains("numpy-2.2.3-cp312-cp312-macosx_14_0_arm64.whl", selected);
        Assert.Contains("orjson-3.10.0-cp38-abi3-macosx_10_15_x86_64.macosx_11_0_arm64.macosx_10_15_universal2.whl", selected);
        Assert.DoesNotContain(selected, f => f.StartsWith("colorama", StringComparison.Ordinal));
    }

    [Fact]
    public void Win_x64_gets_win_amd64_wheels_and_windows_only_packages()
    {
        var selected = Files(PyLockSelector.Select(Lock, TagSets.WinX64()));

        Assert.Equal(
            [
                "colorama-0.4.6-py2.py3-none-any.whl",
                "numpy-2.2.3-cp313-cp313-win_amd64.whl",
                "orjson-3.10.0-cp38-abi3-win_amd64.whl",
                "requests-2.32.3-py3-none-any.whl",
                "urllib3-2.3.0-py3-none-any.whl",
            ],
            selected);
    }

    [Fact]
    public void A_package_with_no_fitting_wheel_and_no_sdist_is_a_coded_error_naming_package_and_platform()
    {
        var onlyLinux = Lock with { Packages = [new PyLockPackage("numpy", "2.2.3", [LockSamples.Wheel("numpy-2.2.3-cp311-cp311-manylinux_2_17_x86_64.whl")])] };

        var error = Assert.Throws<M1EnvException>(() => PyLockSelector.Select(onlyLinux, TagSets.WinX64()));

        Assert.Equal(ErrorCodes.LockMissingPlatform, error.Code);
        Assert.Contains("numpy", error.Message, StringComparison.Ordinal);
        Assert.Contains("win-x64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sdist_is_taken_only_where_no_wheel_fits()
    {
        var sdist = new PyLockArtifact("numpy-2.2.3.tar.gz", "https://files.example.org/numpy-2.2.3.tar.gz", LockSamples.Hash('f'));
        var withSdist = Lock with { Packages = [new PyLockPackage("numpy", "2.2.3", [LockSamples.Wheel("numpy-2.2.3-cp311-cp311-win_amd64.whl")]) { Sdist = sdist }] };

        Assert.Equal("numpy-2.2.3.tar.gz", Assert.Single(PyLockSelector.Select(withSdist, TagSets.LinuxX64())).Artifact.FileName);
        Assert.Equal("numpy-2.2.3-cp311-cp311-win_amd64.whl", Assert.Single(PyLockSelector.Select(withSdist, TagSets.WinX64(11))).Artifact.FileName);
    }

    [Fact]
    public void A_lock_whose_environments_exclude_the_interpreter_is_a_missing_platform()
    {
        var linuxOnly = Lock with { Environments = ["sys_platform == 'linux'"] };

        var error = Assert.Throws<M1EnvException>(() => PyLockSelector.Select(linuxOnly, TagSets.OsxArm64()));

        Assert.Equal(ErrorCodes.LockMissingPlatform, error.Code);
        Assert.Contains("osx-arm64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_requiring_a_newer_python_is_a_missing_platform()
    {
        var error = Assert.Throws<M1EnvException>(() => PyLockSelector.Select(Lock with { RequiresPython = ">=3.12" }, TagSets.LinuxX64()));

        Assert.Equal(ErrorCodes.LockMissingPlatform, error.Code);
        Assert.Contains("3.11.7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_entries_of_one_package_whose_markers_both_hold_are_refused()
    {
        var wheel = LockSamples.Wheel("a-1.0-py3-none-any.whl");
        var ambiguous = Lock with { Packages = [new PyLockPackage("a", "1.0", [wheel]), new PyLockPackage("a", "2.0", [wheel]) { Marker = "os_name == 'posix'" }] };

        var error = Assert.Throws<M1EnvException>(() => PyLockSelector.Select(ambiguous, TagSets.LinuxX64()));

        Assert.Equal(ErrorCodes.LockFileInvalid, error.Code);
    }

    [Fact]
    public void Entries_told_apart_by_markers_give_one_per_platform()
    {
        var wheel = LockSamples.Wheel("a-1.0-py3-none-any.whl");
        var byPlatform = Lock with
        {
            Packages =
            [
                new PyLockPackage("a", "1.0", [wheel]) { Marker = "sys_platform == 'win32'" },
                new PyLockPackage("a", "2.0", [LockSamples.Wheel("a-2.0-py3-none-any.whl")]) { Marker = "sys_platform != 'win32'" },
            ],
        };

        Assert.Equal("1.0", Assert.Single(PyLockSelector.Select(byPlatform, TagSets.WinX64())).Version);
        Assert.Equal("2.0", Assert.Single(PyLockSelector.Select(byPlatform, TagSets.LinuxX64())).Version);
    }

    [Fact]
    public void A_bad_marker_is_a_coded_error()
    {
        var bad = Lock with { Packages = [new PyLockPackage("a", "1.0", [LockSamples.Wheel("a-1.0-py3-none-any.whl")]) { Marker = "colour == 'red'" }] };

        Assert.Equal(ErrorCodes.LockFileInvalid, Assert.Throws<M1EnvException>(() => PyLockSelector.Select(bad, TagSets.LinuxX64())).Code);
    }

    [Theory]
    [InlineData("a-1.0-py2.py3-none-any.whl", "py2-none-any,py3-none-any")]
    [InlineData("a-1.0-1build-cp38-abi3-macosx_11_0_arm64.macosx_10_9_universal2.whl", "cp38-abi3-macosx_11_0_arm64,cp38-abi3-macosx_10_9_universal2")]
    [InlineData("a-1.0.tar.gz", "")]
    [InlineData("broken.whl", "")]
    public void Wheel_tags_are_expanded(string fileName, string expected) =>
        Assert.Equal(expected, string.Join(",", WheelTags.Of(fileName)));

    private static string[] Files(IReadOnlyList<SelectedArtifact> selected) => [.. selected.Select(s => s.Artifact.FileName)];
}
