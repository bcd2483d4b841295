using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Testing;

namespace M1Env.Core.Tests.Infrastructure.FileSystem;

/// <summary>Clones on a real file system that makes them (XFS with reflink, mounted from an image).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileLinkerOnXfsTests(XfsImage xfs) : IClassFixture<XfsImage>
{
    private static readonly DateTime KeptTime = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private readonly RecordingProvisionLog log = new();

    [XfsFact]
    public async Task Auto_and_clone_make_a_clone_that_is_a_file_of_its_own_sharing_the_kept_blocks()
    {
        var source = xfs.Combine("kept.so");
        File.WriteAllBytes(source, Enumerable.Range(0, 1 << 20).Select(i => (byte)i).ToArray());
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetLastWriteTimeUtc(source, KeptTime);

        foreach (var mode in new[] { LinkMode.Auto, LinkMode.Clone })
        {
            var target = xfs.Combine($"env-{mode}.so");

            Assert.Equal(LinkMode.Clone, new FileLinker(mode, log).ForTree().Place(source, target));

            Assert.NotEqual(await FileInode.OfAsync(source), await FileInode.OfAsync(target));
            Assert.Equal((KeptTime, File.GetUnixFileMode(source)), (File.GetLastWriteTimeUtc(target), File.GetUnixFileMode(target)));
            var extents = await ExternalCommand.RunAsync(XfsImage.Program("filefrag") ?? "filefrag", ["-v", target]);
            Assert.Contains("shared", extents.StandardOutput, StringComparison.Ordinal);
            File.WriteAllBytes(target, [1, 2, 3]);
            Assert.Equal(1 << 20, new FileInfo(source).Length);
        }

        Assert.Empty(log.Lines);
    }
}
