using M1Env.Core.Cache;
using M1Env.Core.Inspection;
using M1Env.Core.Packaging;
using M1Env.Core.Tests.Installers.Pip;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>
/// A wheel whose files' names hold a comma and a quote, which RECORD (CSV) quotes: real pip installs
/// it, and M1Env's own RECORD readers remove it and keep and plant it whole.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RecordPathWithCommaTests : IDisposable
{
    private const string DistInfo = "m1_comma-1.0.dist-info";
    private const string CommaFile = "m1_comma/a,b.txt";
    private const string QuoteFile = "m1_comma/say \"hi\".txt";

    private readonly TempDirectory temp = new("m1env-record-comma");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    private async Task<PipFreeVenv> VenvWithTheWheelAsync(string name)
    {
        var wheel = WheelBuilder.Build(
            temp.Combine("wheels"),
            "m1-comma",
            "1.0",
            extraFiles: new Dictionary<string, byte[]> { [CommaFile] = "comma\n"u8.ToArray(), [QuoteFile] = "quote\n"u8.ToArray() });
        var venv = await PipFreeVenv.CreateAsync(temp.Combine(name), log);
        await venv.PipAsync("install", "--no-index", "--no-deps", "-q", wheel.Path);
        return venv;
    }

    private static string[] FilesOf(PipFreeVenv venv) =>
        [Path.Combine(venv.SitePackages, CommaFile), Path.Combine(venv.SitePackages, QuoteFile), Path.Combine(venv.SitePackages, "m1_comma", "__init__.py")];

    private async Task AssertRemovedAsync(PipFreeVenv venv)
    {
        Assert.Empty(new RecordRemoval(log).Remove(EnvReader.Read(venv.Prefix, verifyFiles: true), ["m1-comma"]));

        Assert.All(FilesOf(venv), file => Assert.False(File.Exists(file), file));
        Assert.False(Directory.Exists(Path.Combine(venv.SitePackages, "m1_comma")));
        Assert.False(Directory.Exists(Path.Combine(venv.SitePackages, DistInfo)));
        Assert.DoesNotContain("m1-comma", await venv.PipAsync("list", "--format=freeze"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pip_quotes_the_paths_and_removal_by_record_takes_every_file()
    {
        var venv = await VenvWithTheWheelAsync("env");
        var record = File.ReadAllText(Path.Combine(venv.SitePackages, DistInfo, "RECORD"));
        Assert.Contains("\r\n\"m1_comma/a,b.txt\",sha256=", "\r\n" + record, StringComparison.Ordinal);
        Assert.Contains("\r\n\"m1_comma/say \"\"hi\"\".txt\",sha256=", "\r\n" + record, StringComparison.Ordinal);
        Assert.All(FilesOf(venv), file => Assert.True(File.Exists(file), file));
        Assert.Empty(EnvReader.Read(venv.Prefix, verifyFiles: true).Find("m1-comma")!.MissingFiles);

        await AssertRemovedAsync(venv);
    }

    [Fact]
    public async Task A_kept_install_with_such_paths_is_planted_whole_and_removed_again()
    {
        var first = await VenvWithTheWheelAsync("first");
        var kept = new KeptInstalls(temp.Combine("tools", "installs"), log);
        kept.Keep("m1-comma-key", first.Prefix, first.SitePackages, DistInfo, first.Python);
        Assert.True(kept.Has("m1-comma-key"));
        var second = await PipFreeVenv.CreateAsync(temp.Combine("second"), log);

        // How the first env got it (direct_url.json) is its own: the second is planted with REQUESTED only.
        Assert.True(kept.TryPlant("m1-comma-key", second.Prefix, second.SitePackages, second.Python, new Dictionary<string, byte[]> { ["REQUESTED"] = [] }));

        Assert.Equal("comma\n", File.ReadAllText(Path.Combine(second.SitePackages, CommaFile)));
        Assert.Equal(
            RecordFile.Read(Path.Combine(first.SitePackages, DistInfo, "RECORD")).Where(entry => !entry.Path.EndsWith("/direct_url.json", StringComparison.Ordinal)).OrderBy(entry => entry.Path, StringComparer.Ordinal),
            RecordFile.Read(Path.Combine(second.SitePackages, DistInfo, "RECORD")).OrderBy(entry => entry.Path, StringComparer.Ordinal));
        Assert.Contains("\r\n\"m1_comma/a,b.txt\",sha256=", File.ReadAllText(Path.Combine(second.SitePackages, DistInfo, "RECORD")), StringComparison.Ordinal);
        Assert.Contains("m1-comma==1.0", await second.PipAsync("list", "--format=freeze"), StringComparison.Ordinal);
        await AssertRemovedAsync(second);
    }
}
