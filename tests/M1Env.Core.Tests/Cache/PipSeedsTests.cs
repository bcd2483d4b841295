using System.Security.Cryptography;
using M1Env.Core.Cache;
using M1Env.Core.Packaging;
using M1Env.Core.Tests.Installers.Pip;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>
/// Keeping the pip a venv got from its interpreter's wheel, and giving it to the next venv, with the
/// real interpreter, its real pip wheel and real venvs.
/// </summary>
public sealed class PipSeedsTests : IDisposable
{
    private static readonly Version Python311 = new(3, 11);

    private readonly TempDirectory temp = new("m1env-pip-seeds");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    private static string Wheel => PipFreeVenv.PipWheel;

    private Task<string> RunAsync(string executable, params string[] arguments) => PipFreeVenv.RunAsync(log, executable, arguments);

    private async Task<(string Prefix, string SitePackages)> VenvWithoutPipAsync(string name)
    {
        var venv = await PipFreeVenv.CreateAsync(temp.Combine(name), log);
        return (venv.Prefix, venv.SitePackages);
    }

    private async Task<PipSeeds> SeedsKeptFromAFirstEnvAsync()
    {
        var venv = await PipFreeVenv.CreateAsync(temp.Combine("first"), log);
        await venv.PipAsync("install", "--no-index", "--no-deps", "-q", Wheel);
        var seeds = new PipSeeds(new KeptInstalls(temp.Combine("tools"), log));
        seeds.Keep(Wheel, Python311, venv.Prefix, venv.SitePackages, venv.Python);
        return seeds;
    }

    /// <summary>An interpreter-like prefix whose own pip was installed from the wheel by pip (as ensurepip leaves a pyenv or python.org install).</summary>
    private async Task<PipFreeVenv> PrefixHoldingPipAsync()
    {
        var venv = await PipFreeVenv.CreateAsync(temp.Combine("interpreter"), log);
        await venv.PipAsync("install", "--no-index", "--no-deps", "-q", Wheel);
        return venv;
    }

    private string PipDistInfo(PipFreeVenv venv) => Directory.EnumerateDirectories(venv.SitePackages, "pip-*.dist-info").Single();

    private static string Sha256(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    [Fact]
    public async Task A_planted_pip_is_a_normal_pip_of_the_env_and_leaves_the_seed_as_it_was()
    {
        var seeds = await SeedsKeptFromAFirstEnvAsync();
        var seed = seeds.FolderFor(Wheel, Python311);
        var seedRecord = Directory.EnumerateFiles(seed, "RECORD", SearchOption.AllDirectories).Single();
        var seedRecordHash = Sha256(seedRecord);
        var (prefix, sitePackages) = await VenvWithoutPipAsync("second env");

        Assert.True(seeds.TryPlant(Wheel, Python311, prefix, sitePackages, Path.Combine(prefix, "bin", "python")));

        // The path has a space: pip's own script runs through /bin/sh, as distlib would have written it.
        Assert.Contains(sitePackages, await RunAsync(Path.Combine(prefix, "bin", "pip"), "--version"), StringComparison.Ordinal);
        Assert.Contains("pip ", await RunAsync(Path.Combine(prefix, "bin", "python"), "-m", "pip", "list"), StringComparison.Ordinal);
        var record = Directory.EnumerateFiles(sitePackages, "RECORD", SearchOption.AllDirectories).Single();
        var scriptEntry = RecordFile.Read(record).Single(entry => entry.Path == "../../../bin/pip");
        Assert.Equal(RecordEntry.For("../../../bin/pip", File.ReadAllBytes(Path.Combine(prefix, "bin", "pip"))), scriptEntry);
        Assert.Equal(seedRecordHash, Sha256(seedRecord));

        await RunAsync(Path.Combine(prefix, "bin", "python"), "-m", "pip", "uninstall", "-y", "-q", "pip");
        Assert.False(File.Exists(Path.Combine(prefix, "bin", "pip")));
        Assert.False(Directory.Exists(Path.Combine(sitePackages, "pip")));
        Assert.True(File.Exists(Path.Combine(seed, "lib", "python3.11", "site-packages", "pip", "__init__.py")));
        Assert.Equal(seedRecordHash, Sha256(seedRecord));
    }

    [Fact]
    public async Task Without_a_kept_seed_nothing_is_planted()
    {
        var seeds = new PipSeeds(new KeptInstalls(temp.Combine("tools"), log));
        var (prefix, sitePackages) = await VenvWithoutPipAsync("env");

        Assert.False(seeds.TryPlant(Wheel, Python311, prefix, sitePackages, Path.Combine(prefix, "bin", "python")));
        Assert.False(File.Exists(Path.Combine(prefix, "bin", "pip")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(sitePackages));
    }

    [Fact]
    public async Task A_seed_is_kept_once_and_whole()
    {
        var seeds = await SeedsKeptFromAFirstEnvAsync();
        var seed = seeds.FolderFor(Wheel, Python311);
        var files = Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories).Count();

        // A second env with its own pip does not replace the kept one, and no partial folder is left.
        var (prefix, sitePackages) = await VenvWithoutPipAsync("other");
        Assert.True(seeds.TryPlant(Wheel, Python311, prefix, sitePackages, Path.Combine(prefix, "bin", "python")));
        seeds.Keep(Wheel, Python311, prefix, sitePackages, Path.Combine(prefix, "bin", "python"));

        Assert.Equal(files, Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories).Count());
        Assert.Equal([seed], Directory.GetDirectories(Path.GetDirectoryName(seed)!));
        Assert.True(files > 100, $"only {files} files in the seed");
    }
    [Fact]
    public async Task The_interpreters_own_pip_is_kept_when_it_holds_exactly_the_wheels_files_and_plants_as_any_seed()
    {
        var interpreter = await PrefixHoldingPipAsync();
        var seeds = new PipSeeds(new KeptInstalls(temp.Combine("tools"), log));

        Assert.True(seeds.TryKeepFromInterpreter(Wheel, Python311, interpreter.Python, interpreter.SitePackages));

        Assert.True(seeds.Has(Wheel, Python311));
        var (prefix, sitePackages) = await VenvWithoutPipAsync("env");
        Assert.True(seeds.TryPlant(Wheel, Python311, prefix, sitePackages, Path.Combine(prefix, "bin", "python")));
        Assert.Contains(sitePackages, await RunAsync(Path.Combine(prefix, "bin", "pip"), "--version"), StringComparison.Ordinal);
        await RunAsync(Path.Combine(prefix, "bin", "python"), "-m", "pip", "uninstall", "-y", "-q", "pip");
        Assert.False(Directory.Exists(Path.Combine(sitePackages, "pip")));
        Assert.Contains(interpreter.SitePackages, await RunAsync(interpreter.Python, "-m", "pip", "--version"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interpreters_pip_without_the_pip_script_ensurepip_leaves_out_gives_envs_all_three()
    {
        var interpreter = await PrefixHoldingPipAsync();
        // As `make install` runs ensurepip: pip3 and pip3.11 in RECORD, no pip (pyenv then adds a pip of its own, which RECORD does not list).
        File.WriteAllText(Path.Combine(interpreter.Prefix, "bin", "pip"), "#!/bin/sh\nexec pip3 \"$@\"\n");
        var record = Path.Combine(PipDistInfo(interpreter), "RECORD");
        File.WriteAllLines(record, File.ReadAllLines(record).Where(line => !line.StartsWith("../../../bin/pip,", StringComparison.Ordinal)));
        var seeds = new PipSeeds(new KeptInstalls(temp.Combine("tools"), log));

        Assert.True(seeds.TryKeepFromInterpreter(Wheel, Python311, interpreter.Python, interpreter.SitePackages));

        var (prefix, sitePackages) = await VenvWithoutPipAsync("env");
        Assert.True(seeds.TryPlant(Wheel, Python311, prefix, sitePackages, Path.Combine(prefix, "bin", "python")));
        var scripts = new[] { "pip", "pip3", "pip3.11" }.Select(name => Path.Combine(prefix, "bin", name)).ToArray();
        Assert.All(scripts, script => Assert.Equal(File.ReadAllText(scripts[2]), File.ReadAllText(script)));
        Assert.Contains(sitePackages, await RunAsync(scripts[0], "--version"), StringComparison.Ordinal);
        var envRecord = RecordFile.Read(Directory.EnumerateFiles(sitePackages, "RECORD", SearchOption.AllDirectories).Single());
        Assert.All(scripts, script => Assert.Contains(RecordEntry.For($"../../../bin/{Path.GetFileName(script)}", File.ReadAllBytes(script)), envRecord));

        await RunAsync(Path.Combine(prefix, "bin", "python"), "-m", "pip", "uninstall", "-y", "-q", "pip");
        Assert.All(scripts, script => Assert.False(File.Exists(script)));
        Assert.True(File.Exists(Path.Combine(interpreter.Prefix, "bin", "pip3")));
    }

    [Theory]
    [InlineData("a changed file")]
    [InlineData("another installer")]
    [InlineData("a missing file")]
    [InlineData("a script for another interpreter")]
    public async Task An_interpreters_pip_that_is_not_exactly_the_wheels_keeps_nothing(string difference)
    {
        var interpreter = await PrefixHoldingPipAsync();
        var init = Path.Combine(interpreter.SitePackages, "pip", "__init__.py");
        switch (difference)
        {
            case "a changed file":
                File.AppendAllText(init, "# patched by a distribution\n");
                break;
            case "another installer":
                File.WriteAllText(Path.Combine(PipDistInfo(interpreter), "INSTALLER"), "debian\n");
                break;
            case "a missing file":
                File.Delete(Path.Combine(interpreter.SitePackages, "pip", "_internal", "main.py"));
                break;
            default:
                // An install copied from elsewhere: its launchers still name the interpreter it was made for.
                var script = Path.Combine(interpreter.Prefix, "bin", "pip3");
                File.WriteAllText(script, File.ReadAllText(script).Replace(interpreter.Python, "/opt/elsewhere/bin/python3.11", StringComparison.Ordinal));
                break;
        }

        var seeds = new PipSeeds(new KeptInstalls(temp.Combine("tools"), log));

        Assert.False(seeds.TryKeepFromInterpreter(Wheel, Python311, interpreter.Python, interpreter.SitePackages));
        Assert.False(seeds.Has(Wheel, Python311));
    }

    [Fact]
    public async Task An_interpreter_laid_out_otherwise_keeps_nothing()
    {
        var interpreter = await PrefixHoldingPipAsync();
        var seeds = new PipSeeds(new KeptInstalls(temp.Combine("tools"), log));

        // Debian's dist-packages, or another Python version's folder.
        Assert.False(seeds.TryKeepFromInterpreter(Wheel, new Version(3, 12), interpreter.Python, interpreter.SitePackages));
        Assert.False(seeds.Has(Wheel, new Version(3, 12)));
    }

    [Fact]
    public async Task A_seed_kept_from_a_wheel_is_planted_from_the_same_wheel_at_another_path_and_not_from_another_wheel_of_its_name()
    {
        var seeds = await SeedsKeptFromAFirstEnvAsync();

        // The tools folder and its managed CPython restored at another path (a CI cache): the same wheel's bytes.
        var moved = Path.Combine(temp.CreateSubdirectory("restored/ensurepip/_bundled"), Path.GetFileName(Wheel));
        File.Copy(Wheel, moved);
        var rebuilt = Path.Combine(temp.CreateSubdirectory("rebuilt/ensurepip/_bundled"), Path.GetFileName(Wheel));
        File.WriteAllBytes(rebuilt, [.. File.ReadAllBytes(Wheel), 0]);

        Assert.Equal(PipSeeds.KeyFor(Wheel, Python311), PipSeeds.KeyFor(moved, Python311));
        Assert.NotEqual(PipSeeds.KeyFor(Wheel, Python311), PipSeeds.KeyFor(rebuilt, Python311));
        Assert.False(seeds.Has(rebuilt, Python311));
        var (prefix, sitePackages) = await VenvWithoutPipAsync("second env");
        Assert.True(seeds.TryPlant(moved, Python311, prefix, sitePackages, Path.Combine(prefix, "bin", "python")));
        Assert.Contains("pip", await RunAsync(Path.Combine(prefix, "bin", "python"), "-m", "pip", "--version"), StringComparison.Ordinal);
    }
}
