using M1Env.Core.Inspection;
using M1Env.Testing;

namespace M1Env.Core.Tests.Inspection;

/// <summary>The reader against a real venv, filled by the real pip from generated wheels.</summary>
public sealed class EnvReaderTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new("m1env-reader");

    private string Prefix => temp.Combine("env");

    private string Python => Path.Combine(Prefix, "bin", "python");

    public async Task InitializeAsync()
    {
        var wheels = temp.CreateSubdirectory("wheels");
        WheelBuilder.Build(wheels, "m1-base", "1.0");
        WheelBuilder.Build(wheels, "m1-top", "2.0", ["m1-base>=1.0", "m1-optional; extra == \"fancy\"", "m1-old; python_version < \"3.0\""]);
        await RunAsync(PythonFinder.Find(), "-m", "venv", Prefix);
        await RunAsync(Python, "-m", "pip", "install", "--no-index", "--find-links", wheels, "m1-top==2.0");
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync(program, arguments);
        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Reads_each_distribution_as_pip_installed_it()
    {
        var env = EnvReader.Read(Prefix, verifyFiles: true);

        Assert.True(env.InterpreterResolves);
        Assert.EndsWith("site-packages", env.SitePackages, StringComparison.Ordinal);
        var top = env.Find("m1-top");
        Assert.NotNull(top);
        Assert.Equal(("m1-top", "2.0", "pip", true), (top.DisplayName, top.Version, top.Installer, top.Requested));
        Assert.Equal(["m1-base", "m1-old"], top.Requires);
        Assert.Equal(["m1-base"], top.UnconditionalRequires);
        Assert.Equal([Path.Combine(env.SitePackages!, "m1_top")], top.TopLevelDirectories);
        Assert.Empty(top.MissingFiles);

        var dependency = env.Find("m1-base");
        Assert.NotNull(dependency);
        Assert.False(dependency.Requested);
        Assert.Contains(env.Distributions, d => d.Name == "pip");
        Assert.Equal(env.Distributions.Select(d => d.Name).Order(StringComparer.Ordinal), env.Distributions.Select(d => d.Name));
    }

    [Fact]
    public void A_deleted_module_is_a_missing_file_only_when_files_are_verified()
    {
        File.Delete(Path.Combine(EnvReader.Read(Prefix, false).SitePackages!, "m1_base", "__init__.py"));

        Assert.Equal(["m1_base/__init__.py"], EnvReader.Read(Prefix, verifyFiles: true).Find("m1-base")!.MissingFiles);
        Assert.Empty(EnvReader.Read(Prefix, verifyFiles: false).Find("m1-base")!.MissingFiles);
    }

    [Fact]
    public void A_dangling_interpreter_link_does_not_resolve()
    {
        Assert.True(EnvReader.Read(Prefix, verifyFiles: false).InterpreterResolves);
        File.Delete(Path.Combine(Prefix, "bin", "python3.11"));

        Assert.False(EnvReader.Read(Prefix, verifyFiles: false).InterpreterResolves);
    }

    [Fact]
    public void Pips_leftovers_and_damaged_metadata_are_reported_not_thrown()
    {
        var sitePackages = EnvReader.Read(Prefix, false).SitePackages!;
        Directory.CreateDirectory(Path.Combine(sitePackages, "~1_base"));
        var damaged = Directory.CreateDirectory(Path.Combine(sitePackages, "m1_cut-3.1.dist-info")).FullName;
        File.WriteAllText(Path.Combine(damaged, "METADATA"), "Metadata-Ver");
        Directory.CreateDirectory(Path.Combine(sitePackages, "nameless.dist-info"));

        var env = EnvReader.Read(Prefix, verifyFiles: true);

        Assert.Equal([Path.Combine(sitePackages, "~1_base")], env.Leftovers);
        Assert.Equal("3.1", env.Find("m1-cut")!.Version);
        Assert.DoesNotContain(env.Distributions, d => d.Name.StartsWith("nameless", StringComparison.Ordinal));
    }

    [Fact]
    public void Direct_url_json_gives_the_url_and_whether_the_install_is_editable()
    {
        var distInfo = EnvReader.Read(Prefix, false).Find("m1-base")!.DistInfoPath;
        File.WriteAllText(Path.Combine(distInfo, "direct_url.json"), """{"dir_info": {"editable": true}, "url": "file:///src/m1-base"}""");
        var editable = EnvReader.Read(Prefix, verifyFiles: false).Find("m1-base")!;
        Assert.Equal(("file:///src/m1-base", true), (editable.DirectUrl, editable.Editable));

        File.WriteAllText(Path.Combine(distInfo, "direct_url.json"), """{"archive_info":{"hash":"sha256=ab"},"url":"https://example.org/m1_base-1.0-py3-none-any.whl"}""");
        var archive = EnvReader.Read(Prefix, verifyFiles: false).Find("m1-base")!;
        Assert.Equal(("https://example.org/m1_base-1.0-py3-none-any.whl", false), (archive.DirectUrl, archive.Editable));
        Assert.False(EnvReader.Read(Prefix, verifyFiles: false).Find("m1-top")!.Editable);
    }

    [Fact]
    public void Reads_where_the_venv_was_made_and_from_which_interpreter()
    {
        var config = VenvConfig.Read(Prefix);

        Assert.NotNull(config);
        Assert.Equal(Prefix, config.CreatedAt);
        Assert.NotNull(config.Home);
        Assert.StartsWith("3.11", config.Version, StringComparison.Ordinal);
        Assert.False(config.IncludeSystemSitePackages);
    }

    [Fact]
    public void Site_packages_alone_is_the_folder_the_full_read_finds()
    {
        Assert.NotNull(EnvReader.SitePackagesOf(Prefix));
        Assert.Equal(EnvReader.Read(Prefix, verifyFiles: false).SitePackages, EnvReader.SitePackagesOf(Prefix));
        Assert.Null(EnvReader.SitePackagesOf(temp.Combine("nothing")));
    }

    [Fact]
    public void A_prefix_that_is_not_there_reads_as_empty()
    {
        var env = EnvReader.Read(temp.Combine("nothing"), verifyFiles: true);
        Assert.Equal((null, null, false), (env.Config, env.SitePackages, env.InterpreterResolves));
        Assert.Empty(env.Distributions);
    }
}
