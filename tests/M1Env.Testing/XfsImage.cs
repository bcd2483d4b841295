namespace M1Env.Testing;

/// <summary>
/// An XFS file system with copy-on-write clones (reflink=1) in an image file, mounted through a loop
/// device for one test class, then unmounted and deleted. Root only (<see cref="XfsFactAttribute"/>).
/// </summary>
public sealed class XfsImage : IAsyncDisposable
{
    /// <summary>mkfs.xfs refuses less than 300 MB.</summary>
    private const long Size = 300L * 1024 * 1024;

    private static readonly string[] SystemFolders = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    private readonly TempDirectory temp;

    private bool mounted;

    private XfsImage(TempDirectory temp)
    {
        this.temp = temp;
        Directory.CreateDirectory(MountPoint);
    }

    /// <summary>Where the file system is mounted.</summary>
    public string MountPoint => temp.Combine("mnt");

    public string Combine(params string[] parts) => Path.Combine([MountPoint, .. parts]);

    /// <summary>A program's path, on PATH or in the system folders (root's tools live in sbin); null where there is none.</summary>
    public static string? Program(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    public static async Task<XfsImage> MountAsync()
    {
        var image = new XfsImage(new TempDirectory("m1env-xfs"));
        try
        {
            var file = image.temp.Combine("xfs.img");
            using (var stream = File.Create(file))
            {
                stream.SetLength(Size);
            }

            await RunAsync("mkfs.xfs", "-q", "-m", "reflink=1", file);
            await RunAsync("mount", "-o", "loop", file, image.MountPoint);
            image.mounted = true;
            return image;
        }
        catch
        {
            await image.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
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
