using M1Env.Core.Cache;
using M1Env.Core.Inspection;
using M1Env.Core.Tests.Installers.Pip;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>Removing what pip installed by its RECORD, in real venvs with packages real pip installed.</summary>
public sealed class RecordRemovalTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-record-removal");
    private readonly RecordingProvisionLog log = new();
    private PipFreeVenv venv = null!;

    public void Dispose() => temp.Dispose();

    private string Prefix => venv.Prefix;

    private string SitePackages => venv.SitePackages;

    /// <summary>A venv with m1-alpha and m1-beta, installed and byte-compiled by pip.</summary>
    private async Task<InstalledEnv> EnvWithTwoPackagesAsync()
    {
        var wheels = temp.Combine("wheels");
        var alpha = WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        var beta = WheelBuilder.Build(wheels, "m1-beta", "1.0");
        venv = await PipFreeVenv.CreateAsync(temp.Combine("env"), log);
        await venv.PipAsync("install", "--no-index", "--no-deps", "-q", alpha.Path, beta.Path);
        return EnvReader.Read(Prefix, verifyFiles: false);
    }

    [Fact]
    public async Task Removed_packages_leave_nothing_behind_and_the_rest_of_the_env_as_it_was()
    {
        var disk = await EnvWithTwoPackagesAsync();
        Assert.True(File.Exists(Path.Combine(SitePackages, "m1_alpha", "__pycache__", "__init__.cpython-311.pyc")));

        var left = new RecordRemoval(log).Remove(disk, ["m1-alpha"]);

        Assert.Empty(left);
        Assert.Equal(["m1_beta", "m1_beta-1.0.dist-info"], Directory.EnumerateFileSystemEntries(SitePackages).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(SitePackages), entry => Path.GetFileName(entry).StartsWith('~'));
        var listed = await venv.PipAsync("list", "--format=freeze");
        Assert.DoesNotContain("m1-alpha", listed, StringComparison.Ordinal);
        Assert.Contains("m1-beta==1.0", listed, StringComparison.Ordinal);
        Assert.Equal("m1-beta", (await venv.PythonAsync("-c", "import m1_beta; print(m1_beta.NAME)")).Trim());
    }

    [Fact]
    public async Task Removing_every_package_keeps_the_envs_own_folders()
    {
        var disk = await EnvWithTwoPackagesAsync();

        Assert.Empty(new RecordRemoval(log).Remove(disk, ["m1-alpha", "m1-beta"]));

        Assert.True(Directory.Exists(SitePackages));
        Assert.Empty(Directory.EnumerateFileSystemEntries(SitePackages));
        Assert.True(File.Exists(Path.Combine(Prefix, "bin", "python")));
        Assert.True(File.Exists(Path.Combine(Prefix, "pyvenv.cfg")));
    }

    [Fact]
    public async Task What_another_tool_installed_or_what_is_not_there_is_left_to_pip()
    {
        var disk = await EnvWithTwoPackagesAsync();
        File.WriteAllText(Path.Combine(SitePackages, "m1_beta-1.0.dist-info", "INSTALLER"), "conda\n");

        var left = new RecordRemoval(log).Remove(EnvReader.Read(Prefix, verifyFiles: false), ["m1-beta", "m1-gamma"]);

        Assert.Equal(["m1-beta", "m1-gamma"], left);
        Assert.True(File.Exists(Path.Combine(SitePackages, "m1_beta", "__init__.py")));
        Assert.NotNull(EnvReader.Read(Prefix, verifyFiles: true).Find("m1-alpha"));
    }

    [Fact]
    public async Task A_record_that_reaches_outside_the_env_is_left_to_pip()
    {
        var disk = await EnvWithTwoPackagesAsync();
        var outside = temp.Combine("outside.txt");
        File.WriteAllText(outside, "not the env's");
        File.AppendAllText(Path.Combine(SitePackages, "m1_alpha-1.0.dist-info", "RECORD"), $"{Path.GetRelativePath(SitePackages, outside)},,\n");

        Assert.Equal(["m1-alpha"], new RecordRemoval(log).Remove(disk, ["m1-alpha"]));
        Assert.True(File.Exists(outside));
        Assert.True(File.Exists(Path.Combine(SitePackages, "m1_alpha", "__init__.py")));
    }
}
