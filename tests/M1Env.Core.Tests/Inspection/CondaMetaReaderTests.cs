using System.Text.Json.Nodes;
using M1Env.Core.Inspection;
using M1Env.Core.Tests.Backends.Conda;
using M1Env.Testing;

namespace M1Env.Core.Tests.Inspection;

/// <summary>
/// The reader against prefixes written here the way conda and micromamba write them: each record is
/// a package record the tool recorded (conda's FETCH entries, micromamba's LINK entries) plus the
/// fields conda's PrefixRecord adds when it links (files, paths_data, requested_spec, link...).
/// </summary>
public sealed class CondaMetaReaderTests : IDisposable
{
    private const string Channel = "file:///Users/dev/channel";

    private readonly TempDirectory temp = new("m1env-condameta");

    private string Prefix => temp.Combine("demo");

    public void Dispose() => temp.Dispose();

    /// <summary>The state after the recorded <c>install pkga=2.0 pkgc</c>: pkga 2.0, pkgb 1.0, pkgc 0.1.</summary>
    private void WriteInstalledPrefix(string tool)
    {
        var install = JsonNode.Parse(CondaFixture.Load(tool, "install").StandardOutput)!;
        var records = install["actions"]![tool == CondaFixture.Conda ? "FETCH" : "LINK"]!.AsArray();
        foreach (var record in records.Select(r => r!.DeepClone().AsObject()))
        {
            var name = (string)record["name"]!;
            string[] files = [$"share/{name}/README", $"share/{name}/data.txt", $"lib/python3.11/site-packages/{name}/__pycache__/x.cpython-311.pyc", $"bin/{name}.pyc"];
            // conda writes str(None) for a dependency's requested_spec, micromamba "".
            var requested = name switch { "pkga" => "pkga=2.0", "pkgc" => "pkgc", _ => tool == CondaFixture.Conda ? "None" : string.Empty };
            WriteRecord(record, files, requested);
        }

        File.WriteAllText(Path.Combine(Prefix, "conda-meta", "history"), "==> 2023-11-28 21:40:01 <==\n");
    }

    private void WriteRecord(JsonObject record, string[] files, string requestedSpec)
    {
        var dist = $"{record["name"]}-{record["version"]}-{record["build"]}";
        foreach (var file in files.Where(f => !f.EndsWith(".pyc", StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Prefix, file))!);
            File.WriteAllText(Path.Combine(Prefix, file), "data");
        }

        record["files"] = new JsonArray(files.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
        record["paths_data"] = new JsonObject
        {
            ["paths"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject { ["_path"] = f, ["path_type"] = "hardlink", ["size_in_bytes"] = 4 }).ToArray()),
            ["paths_version"] = 1,
        };
        record["requested_spec"] = requestedSpec;
        record["link"] = new JsonObject { ["source"] = $"/Users/dev/.m1env/pkgs/{dist}", ["type"] = 1 };
        record["extracted_package_dir"] = $"/Users/dev/.m1env/pkgs/{dist}";
        record["package_tarball_full_path"] = $"/Users/dev/.m1env/pkgs/{record["fn"]}";
        WriteMeta(dist + ".json", record.ToJsonString(new() { WriteIndented = true }));
    }

    private void WriteMeta(string fileName, string content)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Prefix, "conda-meta")).FullName;
        File.WriteAllText(Path.Combine(folder, fileName), content);
    }

    [Theory]
    [InlineData(CondaFixture.Conda)]
    [InlineData(CondaFixture.Micromamba)]
    public void Reads_each_record_as_the_tool_wrote_it(string tool)
    {
        WriteInstalledPrefix(tool);

        var contents = CondaMetaReader.Read(Prefix, verifyFiles: true);

        Assert.Empty(contents.Unreadable);
        Assert.Equal(["pkga-2.0-h0_0", "pkgb-1.0-h0_0", "pkgc-0.1-h0_0"], contents.Select(p => p.DistName));
        var pkga = contents.Find("pkga")!;
        Assert.Equal(
            ("pkga", "2.0", "h0_0", Channel, "noarch", $"{Channel}/noarch/pkga-2.0-h0_0.tar.bz2", "8209bbd08fb8c0d38e4aa8be4d13a521"),
            (pkga.Name, pkga.Version, pkga.Build, pkga.Channel, pkga.Subdir, pkga.Url, pkga.Md5));
        Assert.Equal(("3063e8f80077dbacb14fd996f4939216e57ccf9134e3b7c303aa44f5e676d69d", "pkga=2.0"), (pkga.Sha256, pkga.RequestedSpec));
        Assert.Empty(pkga.Depends);
        Assert.Empty(pkga.MissingFiles);
        Assert.Equal(4, pkga.FileCount);
        Assert.Equal(Path.Combine(Prefix, "conda-meta", "pkga-2.0-h0_0.json"), pkga.MetaFile);

        var pkgb = contents.Find("pkgb")!;
        Assert.Null(pkgb.RequestedSpec);
        Assert.Equal(["pkga >=1.0,<3"], pkgb.Depends);
        Assert.Equal("pkgc", contents.Find("pkgc")!.RequestedSpec);
        Assert.Equal(["pkgb"], contents.Find("pkgc")!.Depends);
    }

    [Fact]
    public void A_deleted_file_is_missing_only_when_files_are_verified_and_compiled_files_never()
    {
        WriteInstalledPrefix(CondaFixture.Conda);
        File.Delete(Path.Combine(Prefix, "share", "pkgb", "data.txt"));

        Assert.Equal(["share/pkgb/data.txt"], CondaMetaReader.Read(Prefix, verifyFiles: true).Find("pkgb")!.MissingFiles);
        Assert.Empty(CondaMetaReader.Read(Prefix, verifyFiles: false).Find("pkgb")!.MissingFiles);
        Assert.All(CondaMetaReader.Read(Prefix, verifyFiles: true).Where(p => p.Name != "pkgb"), p => Assert.Empty(p.MissingFiles));
    }

    [Fact]
    public void Each_package_names_the_folders_a_hand_edit_of_its_files_changes()
    {
        WriteInstalledPrefix(CondaFixture.Conda);

        Assert.Equal(
            [Path.Combine(Prefix, "bin"), Path.Combine(Prefix, "lib", "python3.11", "site-packages", "pkga"), Path.Combine(Prefix, "share", "pkga")],
            CondaMetaReader.Read(Prefix, verifyFiles: false).Find("pkga")!.TopLevelDirectories);
    }

    [Fact]
    public void A_folder_listed_as_a_file_is_not_missing()
    {
        // A package's symlink to a folder (macOS frameworks have them) is listed among its files.
        Directory.CreateDirectory(Path.Combine(Prefix, "Frameworks", "Tk.framework", "Versions", "8.6"));
        WriteMeta("tk-8.6.13-h0.json", """{"name": "tk", "version": "8.6.13", "build": "h0", "files": ["Frameworks/Tk.framework/Versions/8.6"]}""");

        Assert.Empty(CondaMetaReader.Read(Prefix, verifyFiles: true).Single().MissingFiles);
    }

    [Fact]
    public void Damaged_records_are_reported_apart_and_the_others_still_read()
    {
        WriteInstalledPrefix(CondaFixture.Micromamba);
        WriteMeta("broken-1.0-h0_0.json", "{\n    \"name\": \"broken\",\n    \"vers");
        WriteMeta("empty-1.0-h0_0.json", string.Empty);
        WriteMeta("array-1.0-h0_0.json", "[]");
        WriteMeta("nameless.json", "{\"depends\": []}");

        var contents = CondaMetaReader.Read(Prefix, verifyFiles: true);

        Assert.Equal(["pkga", "pkgb", "pkgc"], contents.Select(p => p.Name));
        Assert.Equal(
            ["array-1.0-h0_0.json", "broken-1.0-h0_0.json", "empty-1.0-h0_0.json", "nameless.json"],
            contents.Unreadable.Select(Path.GetFileName));
    }

    [Fact]
    public void A_record_missing_keys_is_named_by_its_file()
    {
        WriteMeta("python-dateutil-2.8.2-pyhd8ed1ab_0.json", """{"channel": "https://conda.anaconda.org/conda-forge/noarch", "depends": null, "requested_spec": null}""");

        var package = Assert.Single(CondaMetaReader.Read(Prefix, verifyFiles: true));

        Assert.Equal(("python-dateutil", "2.8.2", "pyhd8ed1ab_0"), (package.Name, package.Version, package.Build));
        Assert.Equal(("conda-forge", "noarch", string.Empty, string.Empty, null, null), (package.Channel, package.Subdir, package.Url, package.Md5, package.Sha256, package.RequestedSpec));
        Assert.Empty(package.Depends);
    }

    [Fact]
    public void Credentials_in_a_record_s_url_are_removed()
    {
        WriteMeta("zlib-1.3-h0.json", """{"name": "zlib", "version": "1.3", "build": "h0", "url": "https://bob:hunter2@mirror.example.com/forge/osx-arm64/zlib-1.3-h0.conda", "channel": "https://bob:hunter2@mirror.example.com/forge/osx-arm64"}""");

        var package = Assert.Single(CondaMetaReader.Read(Prefix, verifyFiles: false));

        Assert.Equal("https://****@mirror.example.com/forge/osx-arm64/zlib-1.3-h0.conda", package.Url);
        Assert.Equal(("https://****@mirror.example.com/forge", "osx-arm64"), (package.Channel, package.Subdir));
    }

    [Fact]
    public void A_missing_prefix_reads_as_empty()
    {
        var contents = CondaMetaReader.Read(temp.Combine("nowhere"), verifyFiles: true);

        Assert.Empty(contents);
        Assert.Empty(contents.Unreadable);
        Assert.False(CondaMetaReader.IsCondaPrefix(temp.Combine("nowhere")));
        Assert.Null(CondaMetaReader.PythonVersion(temp.Combine("nowhere")));
    }

    [Fact]
    public void A_prefix_is_conda_s_when_it_has_a_history_or_package_records()
    {
        Directory.CreateDirectory(Path.Combine(Prefix, "conda-meta"));
        Assert.False(CondaMetaReader.IsCondaPrefix(Prefix));

        WriteMeta("pkga-2.0-h0_0.json", "{}");
        Assert.True(CondaMetaReader.IsCondaPrefix(Prefix));

        var historyOnly = temp.CreateSubdirectory(Path.Combine("fresh", "conda-meta"));
        File.WriteAllText(Path.Combine(historyOnly, "history"), string.Empty);
        Assert.True(CondaMetaReader.IsCondaPrefix(temp.Combine("fresh")));

        var venv = temp.CreateSubdirectory("venv");
        File.WriteAllText(Path.Combine(venv, "pyvenv.cfg"), "home = /usr/bin\n");
        Assert.False(CondaMetaReader.IsCondaPrefix(venv));
    }

    [Fact]
    public void The_python_version_comes_from_the_python_record_only()
    {
        WriteMeta("python-dateutil-2.8.2-pyhd8ed1ab_0.json", "{}");
        WriteMeta("python_abi-3.11-4_cp311.json", "{}");
        Assert.Null(CondaMetaReader.PythonVersion(Prefix));

        WriteMeta("python-3.11.7-hdf0ec26_0_cpython.json", "{}");
        Assert.Equal("3.11.7", CondaMetaReader.PythonVersion(Prefix));
    }
}
