using System.Text.Json.Nodes;
using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Inspection;
using M1Env.Testing;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>
/// What libmamba's explicit install leaves after a pin change (seen with micromamba and mamba 2.8.1):
/// the new version's record beside the old one's, and the files only the old version had.
/// </summary>
public sealed class CondaStaleRecordsTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-stale-records");
    private readonly RecordingProvisionLog log = new();

    private string Prefix => temp.Combine("env");

    public void Dispose() => temp.Dispose();

    private void Record(string name, string version, params string[] files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(Prefix, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"{name} {version}\n");
        }

        var record = new JsonObject
        {
            ["name"] = name,
            ["version"] = version,
            ["build"] = "0",
            ["files"] = new JsonArray(files.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
        };
        Directory.CreateDirectory(Path.Combine(Prefix, "conda-meta"));
        File.WriteAllText(Path.Combine(Prefix, "conda-meta", $"{name}-{version}-0.json"), record.ToJsonString());
    }

    private void TwoVersionsOfPkga()
    {
        Record("pkga", "1.0", "share/pkga/version.txt", "share/pkga/only1/data.txt", "bin/pkga-old");
        Record("pkga", "2.0", "share/pkga/version.txt");
        Record("pkgb", "1.0", "share/pkgb/version.txt");
    }

    [Fact]
    public void Two_records_of_one_package_are_a_problem_of_the_prefix_not_a_crash()
    {
        TwoVersionsOfPkga();

        var contents = CondaMetaReader.Read(Prefix, verifyFiles: true);

        Assert.Equal(["its conda-meta holds 2 records of pkga (1.0=0, 2.0=0)"], contents.Problems);
        var backend = new CondaBackend(
            new ProcessRunner(log), log, new CondaLocator(new CondaCandidateSources(new Dictionary<string, string?>(), temp.Path), new ProcessRunner(log), log),
            new CondaSettings(null, false, temp.Combine("tools")), temp.Combine("locks"), TimeSpan.FromMinutes(1));
        Assert.Equal(contents.Problems, backend.Read(Prefix, verifyFiles: true).CondaMetaProblems);
    }

    [Fact]
    public void A_record_that_is_not_json_is_a_problem_named_after_its_file()
    {
        Record("pkgb", "1.0", "share/pkgb/version.txt");
        File.WriteAllText(Path.Combine(Prefix, "conda-meta", "pkgc-1.0-0.json"), "{ cut short");

        Assert.Equal(["its conda-meta record pkgc-1.0-0.json cannot be read"], CondaMetaReader.Read(Prefix, verifyFiles: false).Problems);
    }

    [Fact]
    public void The_stale_record_goes_with_the_files_only_it_lists_and_the_folders_they_leave_empty()
    {
        TwoVersionsOfPkga();

        var removed = CondaStaleRecords.Remove(Prefix, new HashSet<string>(["pkga-2.0-0", "pkgb-1.0-0"]), log);

        Assert.Equal(["pkga-1.0-0"], removed.Select(p => p.DistName));
        Assert.Equal(["pkga-2.0-0.json", "pkgb-1.0-0.json"], Directory.GetFiles(Path.Combine(Prefix, "conda-meta")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("pkga 2.0", File.ReadAllText(Path.Combine(Prefix, "share/pkga/version.txt")).Trim());
        Assert.False(Directory.Exists(Path.Combine(Prefix, "share/pkga/only1")));
        Assert.False(File.Exists(Path.Combine(Prefix, "bin/pkga-old")));
        Assert.Empty(CondaMetaReader.Read(Prefix, verifyFiles: true).Problems);
    }

    [Fact]
    public void Without_exactly_one_current_record_nothing_is_removed()
    {
        TwoVersionsOfPkga();

        Assert.Empty(CondaStaleRecords.Remove(Prefix, new HashSet<string>(["pkga-3.0-0"]), log));
        Assert.Single(CondaMetaReader.Read(Prefix, verifyFiles: false).Problems);
        Assert.True(File.Exists(Path.Combine(Prefix, "share/pkga/only1/data.txt")));
    }

    [Fact]
    public void A_record_listing_a_path_outside_the_prefix_never_deletes_it()
    {
        var outside = temp.Combine("outside.txt");
        File.WriteAllText(outside, "keep");
        Record("pkga", "2.0", "share/pkga/version.txt");
        Record("pkga", "1.0", "share/pkga/version.txt");
        var stale = Path.Combine(Prefix, "conda-meta", "pkga-1.0-0.json");
        var node = JsonNode.Parse(File.ReadAllText(stale))!.AsObject();
        node["files"] = new JsonArray("../outside.txt");
        File.WriteAllText(stale, node.ToJsonString());

        CondaStaleRecords.Remove(Prefix, new HashSet<string>(["pkga-2.0-0"]), log);

        Assert.Equal("keep", File.ReadAllText(outside));
        Assert.False(File.Exists(stale));
    }
}
