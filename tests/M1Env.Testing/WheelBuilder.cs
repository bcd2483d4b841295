using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace M1Env.Testing;

/// <summary>Writes real, pip-installable pure-Python wheels (PEP 427), byte for byte the same for the same inputs.</summary>
public static partial class WheelBuilder
{
    /// <summary>The modification time of every entry; zip stores local DOS times, so no time zone is involved.</summary>
    public static readonly DateTimeOffset Timestamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // S_IFREG | 0644 in the high 16 bits, so unzip tools (and pip) see a plain, non-executable file.
    private const int RegularFileAttributes = 0x81A4 << 16;

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.!+_-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionText();

    /// <summary>
    /// Builds <c>&lt;escaped name&gt;-&lt;version&gt;-py3-none-any.whl</c> into <paramref name="outputDirectory"/>. Its
    /// package (<c>m1-alpha</c> gives <c>m1_alpha</c>) defines <c>__version__</c> and <c>NAME</c>, followed by
    /// <paramref name="extraModuleSource"/> when given.
    /// </summary>
    /// <param name="requiresDist">PEP 508 requirement strings, written as <c>Requires-Dist</c> lines.</param>
    /// <param name="extraFiles">More files, by their path in the wheel (e.g. <c>m1_alpha/data.txt</c>), listed in RECORD too.</param>
    public static BuiltWheel Build(
        string outputDirectory,
        string name,
        string version,
        IEnumerable<string>? requiresDist = null,
        string? extraModuleSource = null,
        IReadOnlyDictionary<string, byte[]>? extraFiles = null) =>
        Build(outputDirectory, name, version, PureTag, requiresDist, extraModuleSource, extraFiles);

    private static BuiltWheel Build(
        string outputDirectory,
        string name,
        string version,
        string tag,
        IEnumerable<string>? requiresDist,
        string? extraModuleSource,
        IReadOnlyDictionary<string, byte[]>? extraFiles = null)
    {
        var requirements = requiresDist?.ToArray() ?? [];
        Validate(name, version, requirements);

        var escapedName = PythonNames.EscapeForWheel(name);
        var escapedVersion = PythonNames.EscapeVersionForWheel(version);
        var distInfo = $"{escapedName}-{escapedVersion}.dist-info";
        var files = new List<(string Path, byte[] Content)>
        {
            ($"{escapedName}/__init__.py", WheelContents.InitModule(name, version, extraModuleSource)),
            ($"{distInfo}/METADATA", WheelContents.Metadata(name, version, requirements)),
            ($"{distInfo}/WHEEL", WheelContents.Wheel(tag)),
        };
        files.InsertRange(1, (extraFiles ?? new Dictionary<string, byte[]>()).Select(file => (file.Key, file.Value)));
        var recordPath = $"{distInfo}/RECORD";
        files.Add((recordPath, WheelContents.Record(files, recordPath)));

        var bytes = Zip(files);
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(Path.GetFullPath(outputDirectory), $"{escapedName}-{escapedVersion}-{tag}.whl");
        File.WriteAllBytes(path, bytes);
        return new BuiltWheel(path, name, version, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static void Validate(string name, string version, string[] requirements)
    {
        if (!PythonNames.IsValidDistributionName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid distribution name.", nameof(name));
        }

        if (!VersionText().IsMatch(version))
        {
            throw new ArgumentException($"'{version}' is not a usable version.", nameof(version));
        }

        if (requirements.Any(r => string.IsNullOrWhiteSpace(r) || r.Contains('\n') || r.Contains('\r')))
        {
            throw new ArgumentException("A requirement is empty or spans several lines.", "requiresDist");
        }
    }

    private static byte[] Zip(IEnumerable<(string Path, byte[] Content)> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = Timestamp;
                entry.ExternalAttributes = RegularFileAttributes;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
