using System.Text.Json;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Tests.Packaging.Pep751;
using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

public sealed class PipHashedRequirementsTests
{
    private const string PyenvPython = "/root/.pyenv/versions/3.11.7/bin/python";

    [Fact]
    public void Writes_one_name_at_URL_line_with_its_hash_per_artifact_sorted_by_name()
    {
        var text = PipHashedRequirements.Write(
        [
            new SelectedArtifact("urllib3", "2.3.0", LockSamples.Wheel("urllib3-2.3.0-py3-none-any.whl", '1')),
            new SelectedArtifact("attrs", "25.1.0", LockSamples.Wheel("attrs-25.1.0-py3-none-any.whl", '2')),
        ]);

        Assert.Equal(
            $"attrs @ https://files.example.org/packages/attrs-25.1.0-py3-none-any.whl --hash=sha256:{LockSamples.Hash('2')}\n" +
            $"urllib3 @ https://files.example.org/packages/urllib3-2.3.0-py3-none-any.whl --hash=sha256:{LockSamples.Hash('1')}\n",
            text);
    }

    [Fact]
    public void A_relative_path_becomes_a_file_URL_beside_the_lock()
    {
        var artifact = new PyLockArtifact("a-1.0-py3-none-any.whl", null, LockSamples.Hash('a'), Path: "wheels/a-1.0-py3-none-any.whl");

        var text = PipHashedRequirements.Write([new SelectedArtifact("a", "1.0", artifact)], lockDirectory: "/repo/app");

        Assert.Equal($"a @ file:///repo/app/wheels/a-1.0-py3-none-any.whl --hash=sha256:{LockSamples.Hash('a')}\n", text);
    }

    [Fact]
    public async Task Real_pip_installs_the_locked_wheels_from_a_private_host_with_require_hashes()
    {
        using var folder = new TempDirectory();
        using var server = PackageIndexServer.Start();
        var alpha = WheelBuilder.Build(folder.Combine("wheels"), "m1-alpha", "1.0.0");
        var beta = WheelBuilder.Build(folder.Combine("wheels"), "m1_beta", "2.0.0", ["m1-alpha"]);
        server.AddWheel(alpha.Path);
        server.AddWheel(beta.Path);
        var lockFile = new PyLock([], null,
        [
            new PyLockPackage(alpha.Name, alpha.Version, [new PyLockArtifact(alpha.FileName, $"{server.BaseUrl}files/{alpha.FileName}", alpha.Sha256)]),
            new PyLockPackage(beta.Name, beta.Version, [new PyLockArtifact(beta.FileName, $"{server.BaseUrl}files/{beta.FileName}", beta.Sha256)])
            {
                Dependencies = [new PyLockDependency("m1-alpha")],
            },
        ], new PyLockM1EnvTool("default", ["m1-beta"], ["linux-x64"]));

        var text = PyLockWriter.Write(lockFile, privateHosts: ["127.0.0.1"]);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        var selected = PyLockSelector.Select(PyLockReader.Parse(text, "pylock.toml"), TagSets.LinuxX64());
        var requirements = folder.Combine("requirements.txt");
        File.WriteAllText(requirements, PipHashedRequirements.Write(selected, [server.IndexUrl]));

        var result = await PipDryRun(requirements);

        Assert.True(result.Succeeded, result.ToString());
        using var report = JsonDocument.Parse(result.StandardOutput);
        var installed = report.RootElement.GetProperty("install").EnumerateArray()
            .Select(item => item.GetProperty("metadata").GetProperty("name").GetString() + " " + item.GetProperty("metadata").GetProperty("version").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(["m1-alpha 1.0.0", "m1_beta 2.0.0"], installed);
    }

    [Fact]
    public async Task Real_pip_refuses_a_wheel_whose_hash_differs_from_the_lock()
    {
        using var folder = new TempDirectory();
        using var server = PackageIndexServer.Start();
        var alpha = WheelBuilder.Build(folder.Combine("wheels"), "m1-alpha", "1.0.0");
        server.AddWheel(alpha.Path);
        var tampered = new PyLockArtifact(alpha.FileName, $"{server.BaseUrl}files/{alpha.FileName}", LockSamples.Hash('0'));
        var requirements = folder.Combine("requirements.txt");
        File.WriteAllText(requirements, PipHashedRequirements.Write([new SelectedArtifact("m1-alpha", "1.0.0", tampered)]));

        var result = await PipDryRun(requirements);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("THESE PACKAGES DO NOT MATCH THE HASHES", result.Output, StringComparison.Ordinal);
    }

    private static Task<ExternalCommandResult> PipDryRun(string requirements)
    {
        var python = File.Exists(PyenvPython) ? PyenvPython : PythonFinder.Find();
        var environment = ExternalCommand.Without("PIP_");
        environment["PIP_CONFIG_FILE"] = "/dev/null";
        return ExternalCommand.RunAsync(
            python,
            ["-m", "pip", "install", "--dry-run", "--quiet", "--no-deps", "--require-hashes", "--no-index", "--no-cache-dir",
             "--disable-pip-version-check", "--ignore-installed", "--report", "-", "-r", requirements],
            environment: environment);
    }
}
