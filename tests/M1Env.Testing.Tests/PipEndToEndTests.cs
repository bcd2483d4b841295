namespace M1Env.Testing.Tests;

public sealed class PipEndToEndTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Pip_installs_pinned_versions_and_dependencies_from_the_index_and_fails_on_missing_versions()
    {
        var wheels = temp.CreateSubdirectory("wheels");
        WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        WheelBuilder.Build(wheels, "m1-alpha", "2.0");
        WheelBuilder.Build(wheels, "m1-beta", "1.0", ["m1-alpha>=1.0"], "def greet():\n    return 'hello from beta'\n");
        await using var server = PackageIndexServer.Start(wheels);
        var venv = await Venv.CreateAsync(temp.Combine("venv"));
        Assert.Equal(0, server.RequestCount);

        var install = await venv.PipInstallAsync(server.IndexUrl, "m1-beta==1.0", "m1-alpha==1.0");

        Assert.True(install.Succeeded, install.ToString());
        var import = await venv.RunCodeAsync("import m1_alpha, m1_beta; print(m1_alpha.__version__)");
        Assert.True(import.Succeeded, import.ToString());
        Assert.Equal("1.0", import.StandardOutput.Trim());
        var metadata = await venv.RunCodeAsync(
            "import importlib.metadata as m, m1_beta; print(m.version('m1-beta'), m.requires('m1-beta'), m1_beta.NAME, m1_beta.greet())");
        Assert.Equal("1.0 ['m1-alpha>=1.0'] m1-beta hello from beta", metadata.StandardOutput.Trim());

        var served = server.Requests.Where(r => r.StatusCode == 200).Select(r => r.Path).ToArray();
        Assert.Contains("/simple/m1-beta/", served);
        Assert.Contains("/simple/m1-alpha/", served);
        Assert.Contains("/files/m1_beta-1.0-py3-none-any.whl", served);
        Assert.Contains("/files/m1_alpha-1.0-py3-none-any.whl", served);
        Assert.DoesNotContain("/files/m1_alpha-2.0-py3-none-any.whl", served);

        var missing = await venv.PipInstallAsync(server.IndexUrl, "m1-alpha==3.0");

        Assert.False(missing.Succeeded, missing.ToString());
        Assert.Contains("(from versions: 1.0, 2.0)", missing.StandardError, StringComparison.Ordinal);
        Assert.Contains("No matching distribution found for m1-alpha==3.0", missing.StandardError, StringComparison.Ordinal);

        var upgrade = await venv.PipInstallAsync(server.IndexUrl, "--upgrade", "m1-alpha");

        Assert.True(upgrade.Succeeded, upgrade.ToString());
        Assert.Equal("2.0", (await venv.RunCodeAsync("import m1_alpha; print(m1_alpha.__version__)")).StandardOutput.Trim());
    }
}
