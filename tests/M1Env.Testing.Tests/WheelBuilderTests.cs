using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace M1Env.Testing.Tests;

public sealed class WheelBuilderTests : IDisposable
{
    // PEP 427: {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl
    private static readonly Regex Pep427FileName = new(
        @"^(?<name>[a-z0-9_]+)-(?<version>[^-]+)(-\d[^-]*)?-(?<py>[^-]+)-(?<abi>[^-]+)-(?<plat>[^-]+)\.whl$",
        RegexOptions.CultureInvariant);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Record_lists_every_other_entry_with_its_urlsafe_sha256_and_size_and_itself_without_hash()
    {
        var wheel = WheelBuilder.Build(temp.Path, "m1-alpha", "1.0", ["six>=1.0"], "def hello():\n    return 1\n");

        using var archive = ZipFile.OpenRead(wheel.Path);
        var record = ReadText(archive, "m1_alpha-1.0.dist-info/RECORD");
        var lines = record.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var fields = line.Split(',');
            Assert.Equal(3, fields.Length);
            recorded.Add(fields[0]);
            if (fields[0] == "m1_alpha-1.0.dist-info/RECORD")
            {
                Assert.Equal(string.Empty, fields[1]);
                Assert.Equal(string.Empty, fields[2]);
                continue;
            }

            var content = ReadBytes(archive, fields[0]);
            var digest = Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.Equal("sha256=" + digest, fields[1]);
            Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[2]);
        }

        Assert.Equal(archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal), recorded);
        Assert.Equal(lines.Length, recorded.Count);
    }

    [Fact]
    public void File_name_follows_pep_427_and_names_module_and_dist_info_after_the_escaped_name()
    {
        var wheel = WheelBuilder.Build(temp.Path, "M1.Gamma__Thing", "2.0.1");

        Assert.Equal("m1_gamma_thing-2.0.1-py3-none-any.whl", wheel.FileName);
        Assert.Equal(Path.Combine(temp.Path, wheel.FileName), wheel.Path);
        var match = Pep427FileName.Match(wheel.FileName);
        Assert.True(match.Success);
        Assert.Equal(("py3", "none", "any"), (match.Groups["py"].Value, match.Groups["abi"].Value, match.Groups["plat"].Value));

        using var archive = ZipFile.OpenRead(wheel.Path);
        Assert.Equal(
            new[]
            {
                "m1_gamma_thing-2.0.1.dist-info/METADATA",
                "m1_gamma_thing-2.0.1.dist-info/RECORD",
                "m1_gamma_thing-2.0.1.dist-info/WHEEL",
                "m1_gamma_thing/__init__.py",
            },
            archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Metadata_wheel_and_module_carry_name_version_and_requirements()
    {
        var wheel = WheelBuilder.Build(temp.Path, "m1-beta", "1.0", ["m1-alpha>=1.0", "six; python_version >= \"3\""], "X = 42");

        using var archive = ZipFile.OpenRead(wheel.Path);
        Assert.Equal(
            "Metadata-Version: 2.1\nName: m1-beta\nVersion: 1.0\nRequires-Dist: m1-alpha>=1.0\nRequires-Dist: six; python_version >= \"3\"\n",
            ReadText(archive, "m1_beta-1.0.dist-info/METADATA"));
        Assert.Equal(
            "Wheel-Version: 1.0\nGenerator: M1Env.Testing\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
            ReadText(archive, "m1_beta-1.0.dist-info/WHEEL"));
        Assert.Equal("__version__ = \"1.0\"\nNAME = \"m1-beta\"\n\nX = 42\n", ReadText(archive, "m1_beta/__init__.py"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel.Path))), wheel.Sha256);
        Assert.Equal(("m1-beta", "1.0"), (wheel.Name, wheel.Version));
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes_and_entries_carry_the_fixed_timestamp()
    {
        var first = WheelBuilder.Build(temp.CreateSubdirectory("a"), "m1-alpha", "1.0", ["x"], "Y = 1");
        var second = WheelBuilder.Build(temp.CreateSubdirectory("b"), "m1-alpha", "1.0", ["x"], "Y = 1");
        var other = WheelBuilder.Build(temp.CreateSubdirectory("c"), "m1-alpha", "1.0", ["x"], "Y = 2");

        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.NotEqual(first.Sha256, other.Sha256);
        using var archive = ZipFile.OpenRead(first.Path);
        Assert.All(archive.Entries, e => Assert.Equal(WheelBuilder.Timestamp.DateTime, e.LastWriteTime.DateTime));
    }

    [Theory]
    [InlineData("-bad", "1.0")]
    [InlineData("has space", "1.0")]
    [InlineData("good", "1.0\"")]
    [InlineData("good", "")]
    public void Unusable_names_and_versions_are_refused(string name, string version) =>
        Assert.Throws<ArgumentException>(() => WheelBuilder.Build(temp.Path, name, version));

    [Fact]
    public void A_requirement_spanning_lines_is_refused() =>
        Assert.Throws<ArgumentException>(() => WheelBuilder.Build(temp.Path, "good", "1.0", ["a\nVersion: 9"]));

    private static byte[] ReadBytes(ZipArchive archive, string path)
    {
        using var stream = archive.GetEntry(path)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ReadText(ZipArchive archive, string path) => Encoding.UTF8.GetString(ReadBytes(archive, path));
}
