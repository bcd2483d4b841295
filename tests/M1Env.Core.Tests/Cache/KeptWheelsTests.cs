using M1Env.Core.Cache;
using M1Env.Core.Inspection;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Python;
using M1Env.Core.Tests.Installers.Pip;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>
/// Keeping what pip installed from a lock's wheel, and linking it into the next env, with the real
/// interpreter, real pip (run from the interpreter's own wheel), real venvs and real wheels.
/// </summary>
public sealed class KeptWheelsTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-kept-wheels");
    private readonly RecordingProvisionLog log = new();
    private readonly PythonInterpreter interpreter;
    private readonly KeptInstalls kept;
    private readonly KeptWheels wheels;
    private readonly BuiltWheel alpha;

    public KeptWheelsTests()
    {
        interpreter = new PythonInterpreter(PipFreeVenv.BaseInterpreter, "3.11.0", "x86_64", "cpython");
        kept = new KeptInstalls(temp.Combine("tools", "installs"), log);
        wheels = new KeptWheels(kept, log);
        alpha = WheelBuilder.Build(temp.Combine("wheels"), "m1-alpha", "1.0");
    }

    public void Dispose() => temp.Dispose();

    private static SelectedArtifact Selected(BuiltWheel wheel) =>
        new(wheel.Name, wheel.Version, new PyLockArtifact(wheel.FileName, new Uri(wheel.Path).AbsoluteUri, wheel.Sha256));

    private static string Location(PyLockArtifact artifact) => artifact.Url!;

    private static string EnvPython(string prefix) => Path.Combine(prefix, "bin", "python");

    private static string SitePackages(string prefix) => Path.Combine(prefix, "lib", "python3.11", "site-packages");

    private Task<string> RunAsync(string executable, params string[] arguments) => PipFreeVenv.RunAsync(log, executable, arguments);

    /// <summary>pip as an env without pip runs it: from the interpreter's wheel, for the env's own python.</summary>
    private Task<string> PipAsync(string prefix, params string[] arguments) => RunAsync(EnvPython(prefix), [Path.Combine(PipFreeVenv.PipWheel, "pip"), .. arguments]);

    private async Task<string> VenvAsync(string name) => (await PipFreeVenv.CreateAsync(temp.Combine(name), log)).Prefix;

    /// <summary>A first env into which pip installed <paramref name="wheel"/>, kept.</summary>
    private async Task<string> KeptFromAFirstEnvAsync(BuiltWheel wheel)
    {
        var prefix = await VenvAsync("first");
        await PipAsync(prefix, "install", "--no-index", "--no-deps", "-q", wheel.Path);
        wheels.Keep([Selected(wheel)], EnvReader.Read(prefix, verifyFiles: false), interpreter, EnvPython(prefix));
        return prefix;
    }

    /// <summary>m1-alpha 1.0 kept by a first env, and a second env into which pip installed m1-alpha 0.9.</summary>
    private async Task<string> SecondEnvHoldingAlpha09Async()
    {
        await KeptFromAFirstEnvAsync(alpha);
        var prefix = await VenvAsync("second");
        await PipAsync(prefix, "install", "--no-index", "--no-deps", "-q", WheelBuilder.Build(temp.Combine("old"), "m1-alpha", "0.9").Path);
        return prefix;
    }

    private string KeptFolder(BuiltWheel wheel) => kept.FolderFor(KeptWheels.KeyFor(Selected(wheel), interpreter)!);

    [Fact]
    public async Task A_kept_wheel_is_linked_into_the_next_env_as_pip_would_have_installed_it_and_pip_can_uninstall_it()
    {
        await KeptFromAFirstEnvAsync(alpha);
        var prefix = await VenvAsync("second env");

        Assert.Empty(wheels.Plant([Selected(alpha)], Location, EnvReader.Read(prefix, verifyFiles: false), interpreter, EnvPython(prefix)));

        Assert.Equal("m1-alpha 1.0", (await RunAsync(EnvPython(prefix), "-c", "import m1_alpha; print(m1_alpha.NAME, m1_alpha.__version__)")).Trim());
        var installed = EnvReader.Read(prefix, verifyFiles: true).Find("m1-alpha");
        Assert.NotNull(installed);
        Assert.Empty(installed.MissingFiles);
        Assert.True(installed.Requested);
        // As pip marks a locked install (name @ URL): freeze names the file, as it does in the env pip installed.
        Assert.Equal(new Uri(alpha.Path).AbsoluteUri, installed.DirectUrl);
        Assert.Contains($"m1-alpha @ {new Uri(alpha.Path).AbsoluteUri}", await PipAsync(prefix, "freeze"), StringComparison.Ordinal);
        var record = File.ReadAllLines(Path.Combine(installed.DistInfoPath, "RECORD"));
        Assert.Contains("m1_alpha-1.0.dist-info/REQUESTED,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0", record);
        Assert.Contains(record, line => line.StartsWith("m1_alpha-1.0.dist-info/direct_url.json,sha256=", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(SitePackages(prefix)), entry => Path.GetFileName(entry).StartsWith('~'));

        await PipAsync(prefix, "uninstall", "-y", "-q", "m1-alpha");
        Assert.False(Directory.Exists(Path.Combine(SitePackages(prefix), "m1_alpha")));
        Assert.True(File.Exists(Path.Combine(KeptFolder(alpha), "lib", "python3.11", "site-packages", "m1_alpha", "__init__.py")));
        Assert.True(kept.Has(KeptWheels.KeyFor(Selected(alpha), interpreter)!));
    }

    [Fact]
    public async Task What_is_not_kept_is_left_to_pip()
    {
        var beta = WheelBuilder.Build(temp.Combine("wheels"), "m1-beta", "1.0");
        await KeptFromAFirstEnvAsync(alpha);
        var prefix = await VenvAsync("second");

        var left = wheels.Plant([Selected(beta)], Location, EnvReader.Read(prefix, verifyFiles: false), interpreter, EnvPython(prefix));

        Assert.Equal(["m1-beta"], left.Select(s => s.Name));
        Assert.Null(EnvReader.Read(prefix, verifyFiles: false).Find("m1-beta"));
    }

    [Fact]
    public async Task A_version_pip_installed_is_replaced_by_the_kept_one_as_pip_would_replace_it()
    {
        var prefix = await SecondEnvHoldingAlpha09Async();

        Assert.Empty(wheels.Plant([Selected(alpha)], Location, EnvReader.Read(prefix, verifyFiles: false), interpreter, EnvPython(prefix)));

        var env = EnvReader.Read(prefix, verifyFiles: true);
        Assert.Equal("1.0", env.Find("m1-alpha")?.Version);
        Assert.Empty(env.Find("m1-alpha")!.MissingFiles);
        Assert.Single(Directory.EnumerateDirectories(SitePackages(prefix), "m1_alpha-*.dist-info"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(SitePackages(prefix)), entry => Path.GetFileName(entry).StartsWith('~'));
        Assert.Contains("No broken requirements", await PipAsync(prefix, "check"), StringComparison.Ordinal);
        Assert.Contains($"m1-alpha @ {new Uri(alpha.Path).AbsoluteUri}", await PipAsync(prefix, "freeze"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_another_installer_put_there_is_left_to_pip_to_replace()
    {
        var prefix = await SecondEnvHoldingAlpha09Async();
        File.WriteAllText(Path.Combine(SitePackages(prefix), "m1_alpha-0.9.dist-info", "INSTALLER"), "conda\n");

        var left = wheels.Plant([Selected(alpha)], Location, EnvReader.Read(prefix, verifyFiles: false), interpreter, EnvPython(prefix));

        Assert.Equal(["m1-alpha"], left.Select(s => s.Name));
        Assert.Equal("0.9", EnvReader.Read(prefix, verifyFiles: false).Find("m1-alpha")?.Version);
        Assert.Empty(EnvReader.Read(prefix, verifyFiles: true).Find("m1-alpha")!.MissingFiles);
    }

    [Fact]
    public async Task A_kept_file_changed_in_place_drops_the_kept_install_and_plants_nothing()
    {
        await KeptFromAFirstEnvAsync(alpha);
        var keptModule = Path.Combine(KeptFolder(alpha), "lib", "python3.11", "site-packages", "m1_alpha", "__init__.py");
        File.AppendAllText(keptModule, "print('edited')\n");
        var prefix = await VenvAsync("second");

        var left = wheels.Plant([Selected(alpha)], Location, EnvReader.Read(prefix, verifyFiles: false), interpreter, EnvPython(prefix));

        Assert.Equal(["m1-alpha"], left.Select(s => s.Name));
        Assert.Empty(Directory.EnumerateFileSystemEntries(SitePackages(prefix)));
        Assert.False(Directory.Exists(KeptFolder(alpha)));
        Assert.Contains(log.Lines, line => line.StartsWith("warning ", StringComparison.Ordinal) && line.Contains("changed in place", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_in_the_way_leaves_the_env_as_it_was_and_the_kept_install_in_place()
    {
        await KeptFromAFirstEnvAsync(alpha);
        var prefix = await VenvAsync("second");
        var stray = Path.Combine(SitePackages(prefix), "m1_alpha", "__init__.py");
        Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
        File.WriteAllText(stray, "# someone's own\n");

        var left = wheels.Plant([Selected(alpha)], Location, EnvReader.Read(prefix, verifyFiles: false), interpreter, EnvPython(prefix));

        Assert.Equal(["m1-alpha"], left.Select(s => s.Name));
        Assert.Equal(["m1_alpha"], Directory.EnumerateFileSystemEntries(SitePackages(prefix)).Select(Path.GetFileName));
        Assert.Equal(["__init__.py"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(stray)!).Select(Path.GetFileName));
        Assert.Equal("# someone's own\n", File.ReadAllText(stray));
        Assert.True(Directory.Exists(KeptFolder(alpha)));
    }

    [Fact]
    public async Task A_wheel_is_kept_once_whole_and_only_as_the_version_the_lock_names()
    {
        var first = await KeptFromAFirstEnvAsync(alpha);
        var files = Directory.EnumerateFiles(KeptFolder(alpha), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        wheels.Keep([Selected(alpha)], EnvReader.Read(first, verifyFiles: false), interpreter, EnvPython(first));
        Assert.Equal(files, Directory.EnumerateFiles(KeptFolder(alpha), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.Equal([KeptFolder(alpha)], Directory.GetDirectories(Path.GetDirectoryName(KeptFolder(alpha))!));

        // The env holds 1.0; a lock naming another file of another version keeps nothing.
        var other = WheelBuilder.Build(temp.Combine("other"), "m1-alpha", "2.0");
        wheels.Keep([Selected(other)], EnvReader.Read(first, verifyFiles: false), interpreter, EnvPython(first));
        Assert.False(Directory.Exists(KeptFolder(other)));
    }

    [Theory]
    [InlineData("m1_alpha-1.0.tar.gz", "1.0")]
    [InlineData("m1_alpha-1.0-py3-none-any.whl", null)]
    public void Only_a_wheel_with_a_version_has_a_key(string fileName, string? version) =>
        Assert.Null(KeptWheels.KeyFor(new SelectedArtifact("m1-alpha", version, new PyLockArtifact(fileName, "https://example.org/" + fileName, new string('a', 64))), interpreter));

    [Fact]
    public void The_key_names_the_implementation_the_python_version_and_the_file()
    {
        var key = KeptWheels.KeyFor(Selected(alpha), new PythonInterpreter("/usr/bin/python3.12", "3.12.4", "arm64", "cpython"));
        Assert.Equal(Path.Combine("cpython-3.12", $"m1-alpha-1.0-{alpha.Sha256[..16]}"), key);
    }
}
