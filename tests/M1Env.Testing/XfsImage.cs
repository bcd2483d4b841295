using Xunit;

namespace M1Env.Testing;

/// <summary>
/// An XFS file system with copy-on-write clones (reflink=1) in an image file, mounted through a loop
/// device for one test class (a class fixture), then unmounted and deleted. It mounts nothing where
/// <see cref="XfsFactAttribute"/> skips the tests (not root, no loop devices, no xfsprogs).
/// </summary>
public sealed class XfsImage : IAsyncLifetime
{
    /// <summary>mkfs.xfs refuses less than 300 MB.</summary>
    private const long Size = 300L * 1024 * 1024;

    private static readonly string[] SystemFolders = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    private readonly TempDirectory temp = new("m1env-xfs");

    private bool mounted;

    /// <summary>Where the file system is mounted.</summary>
    public string MountPoint => temp.Combine("mnt");

    public string Combine(params string[] parts) => Path.Combine([MountPoint, .. parts]);

    /// <summary>A program's path, on PATH or in the system folders (root's tools live in sbin); null where there is none.</summary>
    public static string? Program(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    public async Task InitializeAsync()
    {
        if (XfsFactAttribute.SkipReason() is not null)
        {
            return;
        }

        var file = temp.Combine("xfs.img");
        using (var stream = File.Create(file))
        {
            stream.SetLength(Size);
        }

        Directory.CreateDirectory(MountPoint);
        await RunAsync("mkfs.xfs", "-q", "-m", "reflink=1", file);
        await RunAsync("mount", "-o", "loop", file, MountPoint);
        mounted = true;
    }

    public async Task DisposeAsync()
    {
        if (mounted)
        {
            await RunAsync("umount", MountPoint);
            mounted = false;
        }

        temp.Dispose();
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync(Program(program) ?? program, arguments, timeout: TimeSpan.FromMinutes(1));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}):{Environment.NewLine}{result.Output}");
        }
    }
}
