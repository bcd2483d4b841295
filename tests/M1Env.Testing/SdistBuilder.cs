using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace M1Env.Testing;

/// <summary>
/// Writes a source distribution (<c>name-version.tar.gz</c>) that pip can build offline: its
/// pyproject.toml names an in-tree build backend with no build requirements, so pip's isolated
/// build needs nothing from any index.
/// </summary>
public static class SdistBuilder
{
    private const string Backend = """
        import base64, hashlib, os, zipfile

        _NAME, _VERSION = open(os.path.join(os.path.dirname(__file__), "NAME")).read().split()
        _ESCAPED = _NAME.replace("-", "_").replace(".", "_").lower()
        _DIST_INFO = f"{_ESCAPED}-{_VERSION}.dist-info"


        def _metadata():
            return open(os.path.join(os.path.dirname(__file__), "PKG-INFO"), "rb").read()


        def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
            os.makedirs(os.path.join(metadata_directory, _DIST_INFO))
            with open(os.path.join(metadata_directory, _DIST_INFO, "METADATA"), "wb") as f:
                f.write(_metadata())
            return _DIST_INFO


        def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
            files = {
                f"{_ESCAPED}/__init__.py": f'__version__ = "{_VERSION}"\n'.encode(),
                f"{_DIST_INFO}/METADATA": _metadata(),
                f"{_DIST_INFO}/WHEEL": b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
            }
            record = "".join(
                f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(c).digest()).rstrip(b'=').decode()},{len(c)}\n"
                for p, c in files.items()) + f"{_DIST_INFO}/RECORD,,\n"
            files[f"{_DIST_INFO}/RECORD"] = record.encode()
            name = f"{_ESCAPED}-{_VERSION}-py3-none-any.whl"
            with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as archive:
                for path, content in files.items():
                    archive.writestr(path, content)
            return name

        """;

    /// <summary>Builds <c>&lt;escaped name&gt;-&lt;version&gt;.tar.gz</c> into <paramref name="outputDirectory"/>.</summary>
    /// <param name="requiresDist">PEP 508 requirement strings, written as <c>Requires-Dist</c> lines.</param>
    public static BuiltWheel Build(string outputDirectory, string name, string version, IEnumerable<string>? requiresDist = null)
    {
        if (!PythonNames.IsValidDistributionName(name) || version.Any(c => char.IsWhiteSpace(c) || c == '-'))
        {
            throw new ArgumentException($"'{name}' '{version}' is not a usable name and version.", nameof(name));
        }

        var root = $"{PythonNames.EscapeForWheel(name)}-{version}";
        var metadata = WheelContents.Metadata(name, version, requiresDist?.ToArray() ?? []);
        var files = new (string Path, byte[] Content)[]
        {
            ("PKG-INFO", metadata),
            ("NAME", Encoding.UTF8.GetBytes($"{name} {version}\n")),
            ("pyproject.toml", Encoding.UTF8.GetBytes("[build-system]\nrequires = []\nbuild-backend = \"m1env_backend\"\nbackend-path = [\".\"]\n")),
            ("m1env_backend.py", Encoding.UTF8.GetBytes(Backend)),
        };

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{root}/{path}")
                {
                    ModificationTime = WheelBuilder.Timestamp,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    DataStream = new MemoryStream(content),
                };
                tar.WriteEntry(entry);
            }
        }

        var bytes = buffer.ToArray();
        Directory.CreateDirectory(outputDirectory);
        var filePath = Path.Combine(Path.GetFullPath(outputDirectory), root + ".tar.gz");
        File.WriteAllBytes(filePath, bytes);
        return new BuiltWheel(filePath, name, version, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
