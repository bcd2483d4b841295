using System.Diagnostics;

namespace M1Env.Testing.Tests;

/// <summary>Runs python and pip as real processes, shielded from the machine's pip settings and proxies.</summary>
internal static class PythonProcess
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    // The CI image sets PIP_FIND_LINKS and friends, which would let pip find wheels without the index.
    private static readonly string[] ScrubbedPrefixes = ["PIP_", "PYTHON"];

    private static readonly string[] ScrubbedVariables =
        ["http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "VIRTUAL_ENV"];

    public static async Task<ProcessOutcome> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Scrub(startInfo.Environment);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{executable} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', startInfo.ArgumentList)} ran past {timeout ?? DefaultTimeout}.");
        }

        return new ProcessOutcome(process.ExitCode, await stdout, await stderr);
    }

    private static void Scrub(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.ToArray())
        {
            if (ScrubbedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)) || ScrubbedVariables.Contains(key))
            {
                environment.Remove(key);
            }
        }

        // os.devnull here makes pip skip every config file, /etc/pip.conf included.
        environment["PIP_CONFIG_FILE"] = OperatingSystem.IsWindows() ? "nul" : "/dev/null";
        environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        environment["PIP_NO_INPUT"] = "1";
        environment["PYTHONNOUSERSITE"] = "1";
        environment["PYTHONDONTWRITEBYTECODE"] = "1";
        environment["NO_PROXY"] = "127.0.0.1,localhost";
    }
}
