using M1Env.Core.Infrastructure.Downloads;
using M1Env.Core.Packaging;
using M1Env.Core.Python;
using M1Env.Core.Python.Managed;

namespace M1Env.Core.Tests.Python.Managed;

public sealed class ManagedPythonCatalogTests
{
    public static TheoryData<string> Platforms() => new(LockPlatform.All.Select(p => p.Name));

    [Fact]
    public void Every_pinned_build_names_a_platform_M1Env_knows_an_install_only_archive_of_its_version_and_a_sha256()
    {
        Assert.NotEmpty(ManagedPythonCatalog.Builds);
        Assert.All(ManagedPythonCatalog.Builds, build =>
        {
            Assert.True(LockPlatform.TryParse(build.Platform, out var platform) && platform.Name == build.Platform, build.Platform);
            Assert.True(Sha256Hex.IsValid(build.Sha256), build.Sha256);
            Assert.StartsWith("https://github.com/astral-sh/python-build-standalone/releases/download/" + build.Tag + "/", build.Url, StringComparison.Ordinal);
            Assert.StartsWith($"cpython-{build.Version}+{build.Tag}-", build.FileName, StringComparison.Ordinal);
            Assert.Contains("-install_only", build.FileName, StringComparison.Ordinal);
            Assert.EndsWith(".tar.gz", build.FileName, StringComparison.Ordinal);
        });
        Assert.Equal(ManagedPythonCatalog.Builds.Count, ManagedPythonCatalog.Builds.Select(b => (b.Platform, b.Version.Major, b.Version.Minor)).Distinct().Count());
        Assert.Equal(ManagedPythonCatalog.Builds.Count, ManagedPythonCatalog.Builds.Select(b => b.Sha256).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void The_course_s_python_3_11_and_the_newest_minor_versions_are_pinned_for_every_platform(string platform)
    {
        foreach (var minor in new[] { 10, 11, 12, 13, 14 })
        {
            var build = ManagedPythonCatalog.Newest(new PythonRequest(3, minor, null), platform);
            Assert.NotNull(build);
            Assert.Equal((3, minor), (build.Version.Major, build.Version.Minor));
        }
    }

    [Fact]
    public void Apple_Silicon_gets_an_arm64_build_never_an_x86_64_one()
    {
        var build = ManagedPythonCatalog.Newest(new PythonRequest(3, 11, null), LockPlatform.OsxArm64.Name)!;

        Assert.Contains("-aarch64-apple-darwin-", build.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_takes_the_newest_build_that_satisfies_it()
    {
        ManagedPythonBuild[] builds =
        [
            Build("3.11.7"), Build("3.11.16"), Build("3.12.14"), Build("3.12.3", "osx-arm64"),
        ];

        Assert.Equal("3.11.16", ManagedPythonCatalog.Newest(new PythonRequest(3, 11, null), "linux-x64", builds)!.VersionText);
        Assert.Equal("3.11.7", ManagedPythonCatalog.Newest(new PythonRequest(3, 11, 7), "linux-x64", builds)!.VersionText);
        Assert.Equal("3.12.14", ManagedPythonCatalog.Newest(PythonRequest.AnyPython3, "linux-x64", builds)!.VersionText);
        Assert.Null(ManagedPythonCatalog.Newest(new PythonRequest(3, 11, 9), "linux-x64", builds));
        Assert.Null(ManagedPythonCatalog.Newest(new PythonRequest(3, 8, null), "linux-x64", builds));
        Assert.Equal("3.11 to 3.12", ManagedPythonCatalog.KnownMinorVersions("linux-x64", builds));
        Assert.Equal("none", ManagedPythonCatalog.KnownMinorVersions("win-x64", builds));
    }

    private static ManagedPythonBuild Build(string version, string platform = "linux-x64") =>
        new(version, platform, "20260101", $"https://example.invalid/cpython-{version}%2B20260101-x86_64-unknown-linux-gnu-install_only.tar.gz", new string('a', 64));
}
