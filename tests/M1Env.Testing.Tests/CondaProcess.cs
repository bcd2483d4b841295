namespace M1Env.Testing.Tests;

/// <summary>
/// Runs the conda of <c>M1ENV_TEST_CONDA</c> against one test channel only (<c>--override-channels</c>, offline), with
/// a package cache of the test's own and none of the caller's conda or Python variables.
/// </summary>
internal sealed class CondaProcess(string packageCache)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Executable { get; } = CondaTestEnvironment.RequireExecutable();

    /// <summary><c>conda create -p prefix -y --json --offline --override-channels -c channel specs...</c></summary>
    public Task<ExternalCommandResult> CreateAsync(string prefix, CondaChannel channel, params string[] specs) =>
        RunAsync(["create", "-p", prefix, .. ChannelArguments(channel), .. specs]);

    public Task<ExternalCommandResult> InstallAsync(string prefix, CondaChannel channel, params string[] specs) =>
        RunAsync(["install", "-p", prefix, .. ChannelArguments(channel), .. specs]);

    /// <summary>Without channel options, which micromamba and mamba 2.x refuse for <c>remove</c>.</summary>
    public Task<ExternalCommandResult> RemoveAsync(string prefix, params string[] names) =>
        RunAsync(["remove", "-p", prefix, "-y", "--json", "--offline", .. names]);

    private static string[] ChannelArguments(CondaChannel channel) =>
        ["-y", "--json", "--offline", "--override-channels", "-c", channel.Url];

    private Task<ExternalCommandResult> RunAsync(string[] arguments)
    {
        var environment = ExternalCommand.Without("CONDA_", "MAMBA_", "PYTHON", "PIP_", "VIRTUAL_ENV");
        environment["CONDA_PKGS_DIRS"] = packageCache;
        // micromamba and mamba 2.x keep their state in a root prefix: one of the test's own, beside its cache.
        environment["MAMBA_ROOT_PREFIX"] = packageCache + "-root";
        return ExternalCommand.RunAsync(Executable, arguments, environment: environment, timeout: Timeout);
    }
}
