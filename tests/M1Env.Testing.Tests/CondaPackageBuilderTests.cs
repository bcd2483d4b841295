using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace M1Env.Testing.Tests;

public sealed class CondaPackageBuilderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Noarch_package_holds_index_json_paths_json_files_and_its_payload()
    {
        var spec = new CondaPackageSpec("pkgb", "1.5")
        {
            Depends = ["pkga >=1.0,<3"],
            Files = [CondaPackageFile.Text("share/pkgb/data.txt", "hello\n"), CondaPackageFile.Text("bin/pkgb-tool", "#!/bin/sh\necho hi\n", executable: true)],
        };

        var built = CondaPackageBuilder.Build(temp.Path, spec);

        Assert.Equal("pkgb-1.5-0.tar.bz2", built.FileName);
        var archive = TarArchive.ReadBzip2(built.Path);
        Assert.Equal(
            ["info/index.json", "info/paths.json", "info/files", "bin/pkgb-tool", "share/pkgb/data.txt"],
            archive.Names);
        using var index = archive.Json("info/index.json");
        var root = index.RootElement;
        Assert.Equal("pkgb", root.GetProperty("name").GetString());
        Assert.Equal("1.5", root.GetProperty("version").GetString());
        Assert.Equal("0", root.GetProperty("build").GetString());
        Assert.Equal(0, root.GetProperty("build_number").GetInt32());
        Assert.Equal(["pkga >=1.0,<3"], root.GetProperty("depends").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("noarch", root.GetProperty("subdir").GetString());
        Assert.Equal("generic", root.GetProperty("noarch").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("arch").ValueKind);
        Assert.Equal("bin/pkgb-tool\nshare/pkgb/data.txt\n", archive.Text("info/files"));
        Assert.Equal("hello\n", archive.Text("share/pkgb/data.txt"));
        Assert.True(archive.Entry("bin/pkgb-tool").Mode.HasFlag(UnixFileMode.OtherExecute));
        Assert.False(archive.Entry("share/pkgb/data.txt").Mode.HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Paths_json_gives_each_payload_entry_its_real_sha256_and_size()
    {
        var payload = Enumerable.Range(0, 5)
            .Select(i => CondaPackageFile.Bytes($"lib/data{i}.bin", RandomNumberGenerator.GetBytes(100 * i)))
            .Append(CondaPackageFile.SymbolicLink("lib/latest.bin", "data4.bin"))
            .ToArray();

        var built = CondaPackageBuilder.Build(temp.Path, new CondaPackageSpec("blobs", "1") { Files = payload });

        var archive = TarArchive.ReadBzip2(built.Path);
        using var paths = archive.Json("info/paths.json");
        Assert.Equal(1, paths.RootElement.GetProperty("paths_version").GetInt32());
        var entries = paths.RootElement.GetProperty("paths").EnumerateArray().ToArray();
        Assert.Equal(payload.Select(f => f.Path).Order(StringComparer.Ordinal), entries.Select(e => e.GetProperty("_path").GetString()));
        foreach (var entry in entries)
        {
            var tar = archive.Entry(entry.GetProperty("_path").GetString()!);
            var hashed = tar.Type == TarEntryType.SymbolicLink ? Encoding.UTF8.GetBytes(tar.LinkName) : tar.Content;
            Assert.Equal(tar.Type == TarEntryType.SymbolicLink ? "softlink" : "hardlink", entry.GetProperty("path_type").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(hashed)), entry.GetProperty("sha256").GetString());
            Assert.Equal(hashed.Length, entry.GetProperty("size_in_bytes").GetInt32());
            Assert.False(entry.TryGetProperty("prefix_placeholder", out _));
        }

        Assert.Equal("data4.bin", archive.Entry("lib/latest.bin").LinkName);
    }

    [Fact]
    public void Record_hashes_and_size_are_those_of_the_written_file()
    {
        var built = CondaPackageBuilder.Build(temp.Path, new CondaPackageSpec("pkga", "2.0"));

        var bytes = File.ReadAllBytes(built.Path);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), built.Record.Md5);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), built.Record.Sha256);
        Assert.Equal(bytes.LongLength, built.Record.Size);
        Assert.Equal(CondaPackageBuilder.DefaultTimestamp.ToUnixTimeMilliseconds(), built.Record.Timestamp);
    }

    [Fact]
    public void Same_spec_gives_the_same_bytes()
    {
        var spec = new CondaPackageSpec("pkga", "1.0") { Files = [CondaPackageFile.Text("share/a.txt", "a\n")] };

        var first = CondaPackageBuilder.Build(temp.CreateSubdirectory("one"), spec);
        var second = CondaPackageBuilder.Build(temp.CreateSubdirectory("two"), spec);

        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        Assert.Equal(first.Record, second.Record with { Depends = first.Record.Depends });
    }

    [Fact]
    public void A_prefix_placeholder_is_declared_in_paths_json_and_has_prefix()
    {
        const string BuildPrefix = "/opt/build/prefix";
        var spec = new CondaPackageSpec("tool", "1.0")
        {
            Noarch = CondaNoarch.None,
            PlatformSubdir = "linux-64",
            Files =
            [
                CondaPackageFile.Text("etc/tool.conf", $"home={BuildPrefix}\n", prefixPlaceholder: BuildPrefix),
                CondaPackageFile.Text("etc/plain.conf", "nothing\n"),
            ],
        };

        var archive = TarArchive.ReadBzip2(CondaPackageBuilder.Build(temp.Path, spec).Path);

        Assert.Equal($"{BuildPrefix} text etc/tool.conf\n", archive.Text("info/has_prefix"));
        using var paths = archive.Json("info/paths.json");
        var declared = paths.RootElement.GetProperty("paths").EnumerateArray()
            .Single(entry => entry.GetProperty("_path").GetString() == "etc/tool.conf");
        Assert.Equal(BuildPrefix, declared.GetProperty("prefix_placeholder").GetString());
        Assert.Equal("text", declared.GetProperty("file_mode").GetString());
        using var index = archive.Json("info/index.json");
        Assert.Equal("linux-64", index.RootElement.GetProperty("subdir").GetString());
        Assert.Equal("x86_64", index.RootElement.GetProperty("arch").GetString());
        Assert.Equal("linux", index.RootElement.GetProperty("platform").GetString());
        Assert.False(index.RootElement.TryGetProperty("noarch", out _));
    }

    [Fact]
    public void A_noarch_python_package_has_link_json_with_its_entry_points()
    {
        var spec = new CondaPackageSpec("tool", "1.0")
        {
            Noarch = CondaNoarch.Python,
            Depends = ["python >=3.7"],
            EntryPoints = ["tool = tool.cli:main"],
            Files = [CondaPackageFile.Text("site-packages/tool/__init__.py", "")],
        };

        var archive = TarArchive.ReadBzip2(CondaPackageBuilder.Build(temp.Path, spec).Path);

        using var link = archive.Json("info/link.json");
        var noarch = link.RootElement.GetProperty("noarch");
        Assert.Equal("python", noarch.GetProperty("type").GetString());
        Assert.Equal(["tool = tool.cli:main"], noarch.GetProperty("entry_points").EnumerateArray().Select(e => e.GetString()));
        using var index = archive.Json("info/index.json");
        Assert.Equal("python", index.RootElement.GetProperty("noarch").GetString());
    }

    [Theory]
    [InlineData("PkgA", "1.0", "0")]
    [InlineData("pkga", "1.0-1", "0")]
    [InlineData("pkga", "1.0", "h0-0")]
    public void Names_versions_and_builds_conda_cannot_read_are_refused(string name, string version, string build) =>
        Assert.Throws<ArgumentException>(() => CondaPackageBuilder.Build(temp.Path, new CondaPackageSpec(name, version) { Build = build }));

    [Theory]
    [InlineData("info/index.json")]
    [InlineData("../escape")]
    [InlineData("/abs/path")]
    [InlineData("a\\b")]
    public void Payload_paths_outside_the_prefix_or_under_info_are_refused(string path) =>
        Assert.Throws<ArgumentException>(() => CondaPackageFile.Text(path, "x"));
}
