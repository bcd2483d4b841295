using M1Env.Core.Installers.Pip;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Versions;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

public sealed class PipVersionFilesTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-version-files");

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("tensorflow_metal-1.1.0-cp311-cp311-macosx_12_0_arm64.whl", "tensorflow-metal", "1.1.0", true)]
    [InlineData("tensorflow_metal-1.1-cp311-cp311-macosx_12_0_arm64.whl", "Tensorflow.Metal", "1.1.0", true)]
    [InlineData("tensorflow_metal-1.2.0-cp311-cp311-macosx_12_0_arm64.whl", "tensorflow-metal", "1.1.0", false)]
    [InlineData("jax-metal-0.1.1.tar.gz", "jax-metal", "0.1.1", true)]
    [InlineData("jax-0.1.1.tar.gz", "jax-metal", "0.1.1", false)]
    [InlineData("jax_metal-0.1.1.txt", "jax-metal", "0.1.1", false)]
    public void Knows_the_files_of_one_version_of_a_package(string fileName, string name, string version, bool isOf)
    {
        Assert.True(Pep440Version.TryParse(version, out var parsed));
        Assert.Equal(isOf, PipVersionFiles.IsOf(fileName, name, parsed));
    }

    [Fact]
    public async Task Reads_the_platforms_of_a_version_s_wheels_from_a_find_links_folder_and_an_index()
    {
        var folder = temp.CreateSubdirectory("links");
        WheelBuilder.BuildTagged(folder, "m1-metal", "1.1.0", "cp311-cp311-macosx_11_0_arm64");
        WheelBuilder.BuildTagged(folder, "m1-metal", "1.1.0", "cp312-cp312-macosx_14_0_arm64");
        WheelBuilder.BuildTagged(folder, "m1-metal", "1.2.0", "cp312-cp312-manylinux_2_17_x86_64");
        var indexed = temp.CreateSubdirectory("index");
        WheelBuilder.BuildTagged(indexed, "m1-metal", "1.1.0", "cp311-cp311-win_amd64");
        using var index = PackageIndexServer.Start(indexed);

        var offline = new PackageSourceSettings(null, [], [folder], Offline: true);
        Assert.Equal([LockPlatform.OsxArm64], await PipVersionFiles.PlatformsAsync(offline, "M1_Metal", "1.1.0", CancellationToken.None));

        var both = new PackageSourceSettings(index.IndexUrl, [], [folder], Offline: false);
        Assert.Equal([LockPlatform.OsxArm64, LockPlatform.WinX64], await PipVersionFiles.PlatformsAsync(both, "m1-metal", "1.1.0", CancellationToken.None));
    }

    [Fact]
    public async Task Says_nothing_for_a_version_with_no_file_or_one_that_installs_anywhere()
    {
        var folder = temp.CreateSubdirectory("links");
        WheelBuilder.Build(folder, "m1-alpha", "1.0");
        WheelBuilder.BuildTagged(folder, "m1-metal", "1.1.0", "cp311-cp311-macosx_11_0_arm64");
        var sources = new PackageSourceSettings(null, [], [folder, temp.Combine("missing")], Offline: true);

        Assert.Null(await PipVersionFiles.PlatformsAsync(sources, "m1-alpha", "1.0", CancellationToken.None));
        Assert.Null(await PipVersionFiles.PlatformsAsync(sources, "m1-metal", "9.9", CancellationToken.None));
        Assert.Null(await PipVersionFiles.PlatformsAsync(sources, "m1-metal", "not a version", CancellationToken.None));
    }
}
