namespace M1Env.Testing.Tests;

/// <summary>Runs python and pip as real processes, shielded from the machine's pip settings and proxies.</summary>
internal static class PythonProcess
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    // The CI image sets PIP_FIND_LINKS and friends, which would let pip find wheels without the index.
    private static readonly string[] ScrubbedVariables =
        ["http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "VIRTUAL_ENV"];

    public static Task<ExternalCommandResult> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ExternalCommand.RunAsync(executable, arguments, environment: ShieldedEnvironment(), timeout: timeout ?? DefaultTimeout);

    private static Dictionary<string, string?> ShieldedEnvironment()
    {
        var environment = ExternalCommand.Without("PIP_", "PYTHON");
        foreach (var name in ScrubbedVariables)
        {
            environment[name] = null;
        }

        // os.devnull here makes pip skip every config file, /etc/pip.conf included.
        environment["PIP_CONFIG_FILE"] = OperatingSystem.IsWindows() ? "nul" : "/dev/null";
        environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        environment["PIP_NO_INPUT"] = "1";
        environment["PYTHONNOUSERSITE"] = "1";
        environment["PYTHONDONTWRITEBYTECODE"] = "1";
        environment["NO_PROXY"] = "127.0.0.1,localhost";
        return environment;
    }
}
