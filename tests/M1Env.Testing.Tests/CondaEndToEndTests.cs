using System.Text.Json;

namespace M1Env.Testing.Tests;

/// <summary>A real conda (<c>M1ENV_TEST_CONDA</c>) creates, changes and empties envs from test-built channels.</summary>
public sealed class CondaEndToEndTests : IDisposable
{
    private static readonly TimeSpan PythonTimeout = TimeSpan.FromMinutes(2);

    private readonly TempDirectory temp = new("m1env-conda");

    public void Dispose() => temp.Dispose();

    [CondaFact]
    public async Task Conda_solves_a_range_dependency_between_noarch_packages()
    {
        var channel = new CondaChannelBuilder(temp.Combine("channel"))
            .AddNoarch("pkga", "1.0")
            .AddNoarch("pkga", "2.0")
            .AddNoarch("pkga", "3.0")
            .AddNoarch("pkgb", "1.0", depends: ["pkga >=1.0,<3"])
            .Build();
        var conda = new CondaProcess(temp.Combine("pkgs"));
        var env = temp.Combine("env");

        var created = await conda.CreateAsync(env, channel, "pkgb");

        Assert.True(created.Succeeded, created.ToString());
        Assert.Equal("pkga 2.0\n", File.ReadAllText(Path.Combine(env, CondaChannelBuilder.MarkerPath("pkga"))));
        Assert.True(File.Exists(Path.Combine(env, CondaChannelBuilder.MarkerPath("pkgb"))));
        using var json = JsonDocument.Parse(created.StandardOutput);
        Assert.True(json.RootElement.GetProperty("success").GetBoolean());
    }

    [CondaFact]
    public async Task An_env_from_the_channel_has_a_working_python_and_pip_and_conda_installs_and_removes_packages()
    {
        var python = await CondaPythonPackages.GetAsync();
        var channel = new CondaChannelBuilder(temp.Combine("channel"))
            .AddBuilt(python.Python)
            .AddBuilt(python.Pip)
            .AddNoarch("pkga", "1.0")
            .AddNoarch("pkga", "2.0")
            .Build();
        var conda = new CondaProcess(temp.Combine("pkgs"));
        var env = temp.Combine("env");
        var marker = Path.Combine(env, CondaChannelBuilder.MarkerPath("pkga"));

        var created = await conda.CreateAsync(env, channel, "python=3.11", "pip", "pkga=1.0");

        Assert.True(created.Succeeded, created.ToString());
        Assert.Equal("pkga 1.0\n", File.ReadAllText(marker));
        var prefixes = await RunPythonAsync(env, "-c", "import sys, sysconfig; print(sys.prefix); print(sysconfig.get_config_var('prefix'))");
        Assert.True(prefixes.Succeeded, prefixes.ToString());
        Assert.Equal([env, env], prefixes.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var pip = await RunPythonAsync(env, "-m", "pip", "--version");
        Assert.True(pip.Succeeded, pip.ToString());
        Assert.Contains(Path.Combine(env, "lib", "python3.11", "site-packages", "pip"), pip.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(env, "bin", "pip")), "conda writes the pip entry point");

        var upgraded = await conda.InstallAsync(env, channel, "pkga=2.0");

        Assert.True(upgraded.Succeeded, upgraded.ToString());
        Assert.Equal("pkga 2.0\n", File.ReadAllText(marker));

        var removed = await conda.RemoveAsync(env, "pkga");

        Assert.True(removed.Succeeded, removed.ToString());
        Assert.False(File.Exists(marker));
        Assert.True((await RunPythonAsync(env, "-c", "pass")).Succeeded);
    }

    private static Task<ExternalCommandResult> RunPythonAsync(string env, params string[] arguments) =>
        ExternalCommand.RunAsync(
            Path.Combine(env, "bin", "python"),
            arguments,
            environment: ExternalCommand.Without("PYTHON", "PIP_", "VIRTUAL_ENV", "CONDA_"),
            timeout: PythonTimeout);
}
