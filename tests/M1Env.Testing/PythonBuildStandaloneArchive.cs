using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace M1Env.Testing;

/// <summary>
/// A python-build-standalone <c>install_only</c> archive made from a relocatable CPython (this machine's pyenv 3.11):
/// a .tar.gz whose members all lie under <c>python/</c> (<c>bin/python3.11</c> with its <c>python3</c> and
/// <c>python</c> links, the shared libpython, the standard library, pip in site-packages), ELF RUNPATHs relative, so the
/// interpreter runs from wherever it is unpacked. Built once and kept under the temp folder, keyed by the install's path
/// and modification times; serve it with <see cref="Serve"/>.
/// </summary>
public sealed class PythonBuildStandaloneArchive
{
    // Raise when what the archive holds changes, so older cached archives are not taken.
    private const int FormatVersion = 1;

    private const string FileNamePrefix = "cpython-";

    private const string FileNameSuffix = "-install_only.tar.gz";

    private static readonly DateTimeOffset Timestamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ConcurrentDictionary<string, Lazy<Task<PythonBuildStandaloneArchive>>> Builds = new(StringComparer.Ordinal);

    private PythonBuildStandaloneArchive(string path, string version)
    {
        Path = path;
        Version = version;
        Bytes = File.ReadAllBytes(path);
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Bytes));
    }

    /// <summary>The folder that holds the cached archives, one subfolder a source install.</summary>
    public static string CacheRoot => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "m1env-python-build-standalone");

    /// <summary>python-build-standalone's name of this machine's platform, e.g. <c>x86_64-unknown-linux-gnu</c>.</summary>
    public static string PlatformTriple =>
        (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64")
        + (OperatingSystem.IsMacOS() ? "-apple-darwin" : OperatingSystem.IsWindows() ? "-pc-windows-msvc" : "-unknown-linux-gnu");

    /// <summary>The cached archive.</summary>
    public string Path { get; }

    public byte[] Bytes { get; }

    /// <summary>The SHA-256 of <see cref="Bytes"/>, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>The interpreter's full version, e.g. <c>3.11.7</c>.</summary>
    public string Version { get; }

    /// <summary>The member whose one byte <see cref="Tampered"/> changes: the standard library's <c>os.py</c>.</summary>
    public string TamperedMember => $"python/lib/python{string.Join('.', Version.Split('.').Take(2))}/os.py";

    /// <summary>
    /// The archive of <paramref name="sourcePrefix"/>, or of the newest pyenv 3.11 when null: from the cache when it holds
    /// it, else built (and cached) now. Concurrent calls for one install share one build.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no such install, or it is not relocatable.</exception>
    public static Task<PythonBuildStandaloneArchive> GetAsync(string? sourcePrefix = null)
    {
        var prefix = RelocatablePythonCache.ResolvePrefix(sourcePrefix, "a python-build-standalone archive");
        return Builds.GetOrAdd(
            RelocatablePythonCache.Key(prefix, FormatVersion),
            key => new Lazy<Task<PythonBuildStandaloneArchive>>(() => LoadOrBuildAsync(prefix, key))).Value;
    }

    /// <summary>
    /// python-build-standalone's file name for this version, e.g.
    /// <c>cpython-3.11.7+20260814-x86_64-unknown-linux-gnu-install_only.tar.gz</c>.
    /// </summary>
    /// <param name="platformTriple">Such as <c>x86_64-unknown-linux-gnu</c> (see <see cref="PlatformTriple"/>).</param>
    /// <param name="buildTag">The release, such as <c>20260814</c>.</param>
    public string FileNameFor(string platformTriple, string buildTag) =>
        $"{FileNamePrefix}{Version}+{buildTag}-{platformTriple}{FileNameSuffix}";

    /// <summary>
    /// Serves the archive at <c>/&lt;folder&gt;/&lt;its name for this platform and <paramref name="buildTag"/>&gt;</c>,
    /// so the folder's URL works as a mirror; returns the archive's URL.
    /// </summary>
    public string Serve(StaticFileServer server, string buildTag, string folder = "python-mirror")
    {
        var path = $"/{folder.Trim('/')}/{FileNameFor(PlatformTriple, buildTag)}";
        server.Add(path, Bytes);
        return server.BaseUrl.TrimEnd('/') + path;
    }

    /// <summary>The archive with one byte of <see cref="TamperedMember"/> changed (same length), recompressed.</summary>
    public byte[] Tampered()
    {
        using var output = new MemoryStream();
        using (var gzipOut = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzipOut, TarEntryFormat.Pax, leaveOpen: true))
        using (var gzipIn = new GZipStream(new MemoryStream(Bytes, writable: false), CompressionMode.Decompress))
        using (var reader = new TarReader(gzipIn))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name == TamperedMember && entry.DataStream is { } data)
                {
                    var content = new byte[data.Length];
                    data.ReadExactly(content);
                    var middle = content.Length / 2;
                    content[middle] = content[middle] == (byte)'a' ? (byte)'b' : (byte)'a';
                    entry.DataStream = new MemoryStream(content, writable: false);
                }

                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    private static async Task<PythonBuildStandaloneArchive> LoadOrBuildAsync(string prefix, string key)
    {
        var folder = Directory.CreateDirectory(System.IO.Path.Combine(CacheRoot, key)).FullName;
        var cached = Directory.EnumerateFiles(folder, FileNamePrefix + "*" + FileNameSuffix).FirstOrDefault();
        if (cached is not null)
        {
            var name = System.IO.Path.GetFileName(cached);
            return new PythonBuildStandaloneArchive(cached, name[FileNamePrefix.Length..^FileNameSuffix.Length]);
        }

        var python = await RelocatablePython.ProbeAsync(prefix);
        return await Task.Run(() => Build(python, folder));
    }

    private static PythonBuildStandaloneArchive Build(RelocatablePython python, string folder)
    {
        // Written beside and renamed into place, so a reader never sees half an archive.
        var path = System.IO.Path.Combine(folder, FileNamePrefix + python.Version + FileNameSuffix);
        var staging = path + $".{Guid.NewGuid():N}.partial";
        try
        {
            using (var file = File.Create(staging))
            using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                foreach (var entry in Entries(python))
                {
                    tar.WriteEntry(entry);
                }
            }

            File.Move(staging, path, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }

        return new PythonBuildStandaloneArchive(path, python.Version);
    }

    /// <summary>Every file under <c>python/</c>, each folder's entry before what it holds.</summary>
    private static IEnumerable<PaxTarEntry> Entries(RelocatablePython python)
    {
        var files = PythonInstallFiles.Interpreter(python).Concat(PythonInstallFiles.Pip(python).Files)
            .ToDictionary(file => "python/" + file.Path, StringComparer.Ordinal);
        var folders = files.Keys.SelectMany(FoldersAbove).ToHashSet(StringComparer.Ordinal);
        foreach (var name in files.Keys.Concat(folders).Order(StringComparer.Ordinal))
        {
            yield return files.TryGetValue(name, out var file)
                ? ReproducibleTarEntries.FileOrLink(name, file.Content, file.LinkTarget, file.Executable, Timestamp)
                : ReproducibleTarEntries.Directory(name, Timestamp);
        }

        static IEnumerable<string> FoldersAbove(string name)
        {
            for (var slash = name.IndexOf('/'); slash >= 0; slash = name.IndexOf('/', slash + 1))
            {
                yield return name[..(slash + 1)];
            }
        }
    }
}
