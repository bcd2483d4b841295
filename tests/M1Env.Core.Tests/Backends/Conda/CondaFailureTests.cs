using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Tests.Backends.Conda;

public sealed class CondaFailureTests
{
    private static ProcessResult Result(string stdout, int exitCode = 1, string stderr = "", string program = "/opt/miniforge3/bin/conda") =>
        new($"{program} install -p /p -y --json", exitCode, stdout, stdout.Split('\n').Concat(stderr.Split('\n')).Where(l => l.Length > 0).TakeLast(25).ToArray());

    private static string CondaError(string exceptionName, string message, string extra = "") =>
        $$"""{"caused_by": "None", "error": "{{exceptionName}}: {{message}}", "exception_name": "{{exceptionName}}", "exception_type": "<class 'conda.exceptions.{{exceptionName}}'>", "message": "{{message}}"{{extra}}}""";

    [Fact]
    public void Conda_packages_not_found_names_the_package_and_channels_and_quotes_conda()
    {
        var fixture = CondaFixture.Load(CondaFixture.Conda, "install-missing");
        Assert.Equal((1, string.Empty), (fixture.ExitCode, fixture.StandardError));

        var error = CondaFailure.Explain(fixture.ToResult(), "demo");

        Assert.Equal(ErrorCodes.CondaPackagesNotFound, error.Code);
        Assert.StartsWith("conda could not find pkga=9.9 for the environment 'demo' in its channels. Check the package name and version, and the env's Channels. conda says:", error.Message, StringComparison.Ordinal);
        Assert.Contains("  The following packages are not available from current channels:", error.Message, StringComparison.Ordinal);
        Assert.Contains("    - file:///Users/dev/channel/noarch", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("anaconda.org", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", error.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.ToResult().Transcript.Select(InputQuote.Line), error.ToolOutput);
    }

    [Fact]
    public void Conda_unsatisfiable_advises_loosening_a_pin_and_quotes_the_conflict()
    {
        var fixture = CondaFixture.Load(CondaFixture.Conda, "create-unsatisfiable");
        Assert.Equal((1, string.Empty), (fixture.ExitCode, fixture.StandardError));

        var error = CondaFailure.Explain(fixture.ToResult(), "demo2");

        Assert.Equal(ErrorCodes.CondaUnsatisfiable, error.Code);
        Assert.Contains("for the environment 'demo2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Loosen a version pin", error.Message, StringComparison.Ordinal);
        Assert.Contains("  Package pkga conflicts for:\n  pkgd -> pkga[version='<2']\n  pkga[version='>=2']", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("UnsatisfiableError:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Micromamba_nothing_provides_requested_is_not_found()
    {
        var fixture = CondaFixture.Load(CondaFixture.Micromamba, "install-missing");
        Assert.Equal((1, "critical libmamba Could not solve for environment specs\n"), (fixture.ExitCode, fixture.StandardError));

        var error = CondaFailure.Explain(fixture.ToResult(), "demo");

        Assert.Equal(ErrorCodes.CondaPackagesNotFound, error.Code);
        Assert.StartsWith("micromamba could not find pkga 9.9** for the environment 'demo' in its channels.", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("micromamba says:\n  nothing provides requested pkga 9.9**", error.Message, StringComparison.Ordinal);
        Assert.Contains("critical libmamba Could not solve for environment specs", error.ToolOutput);
    }

    [Fact]
    public void Micromamba_other_solver_problems_are_unsatisfiable()
    {
        var fixture = CondaFixture.Load(CondaFixture.Micromamba, "create-unsatisfiable");
        Assert.Equal(1, fixture.ExitCode);

        var error = CondaFailure.Explain(fixture.ToResult(), "demo2");

        Assert.Equal(ErrorCodes.CondaUnsatisfiable, error.Code);
        Assert.EndsWith("micromamba says:\n  package pkgd-1.0-h0_0 requires pkga <2, but none of the providers can be installed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PackagesNotFoundError", ErrorCodes.CondaPackagesNotFound)]
    [InlineData("PackagesNotFoundInChannelsError", ErrorCodes.CondaPackagesNotFound)]
    [InlineData("UnsatisfiableError", ErrorCodes.CondaUnsatisfiable)]
    [InlineData("LibMambaUnsatisfiableError", ErrorCodes.CondaUnsatisfiable)]
    [InlineData("ResolvePackageNotFound", ErrorCodes.CondaUnsatisfiable)]
    [InlineData("SpecsConfigurationConflictError", ErrorCodes.CondaUnsatisfiable)]
    [InlineData("CondaHTTPError", ErrorCodes.CondaChannelUnreachable)]
    [InlineData("UnavailableInvalidChannel", ErrorCodes.CondaChannelUnreachable)]
    [InlineData("ChannelNotAllowed", ErrorCodes.CondaChannelUnreachable)]
    [InlineData("CondaSSLError", ErrorCodes.CondaChannelUnreachable)]
    [InlineData("EnvironmentLocationNotFound", ErrorCodes.CondaCommandFailed)]
    [InlineData("NotWritableError", ErrorCodes.CondaCommandFailed)]
    public void Each_conda_exception_gets_its_code(string exceptionName, string code)
    {
        var error = CondaFailure.Explain(Result(CondaError(exceptionName, "what conda said")), "demo");

        Assert.Equal(code, error.Code);
        Assert.EndsWith("conda says:\n  what conda said", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_conda_exception_is_named()
    {
        var error = CondaFailure.Explain(Result(CondaError("NotWritableError", "The current user does not have write permissions to a required path.")), "demo");

        Assert.StartsWith("conda failed for the environment 'demo' (exit code 1) with NotWritableError.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conda_http_error_is_unreachable_with_the_url_redacted()
    {
        const string message = "HTTP 000 CONNECTION FAILED for url <https://bob:hunter2@mirror.example.com/forge/osx-arm64/repodata.json>\\nElapsed: -\\n\\nAn HTTP error occurred when trying to retrieve this URL.\\nHTTP errors are often intermittent, and a simple retry will get you on your way.\\n";
        var stdout = CondaError("CondaHTTPError", message, """, "url": "https://bob:hunter2@mirror.example.com/forge/osx-arm64/repodata.json", "status_code": "000", "reason": "CONNECTION FAILED", "elapsed_time": "-" """);

        var error = CondaFailure.Explain(Result(stdout), "demo");

        Assert.Equal(ErrorCodes.CondaChannelUnreachable, error.Code);
        Assert.Contains("Check the network and the channel URLs in the env's Channels, or point them at a reachable mirror.", error.Message, StringComparison.Ordinal);
        Assert.Contains("  HTTP 000 CONNECTION FAILED for url <https://****@mirror.example.com/forge/osx-arm64/repodata.json>", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_package_the_env_lacks_says_so()
    {
        var stdout = CondaError("PackagesNotFoundError", "The following packages are missing from the target environment:\\n  - pkgz\\n", """, "packages": ["pkgz"], "channel_urls": []""");

        var error = CondaFailure.Explain(Result(stdout), "demo");

        Assert.Equal(ErrorCodes.CondaPackagesNotFound, error.Code);
        Assert.StartsWith("The environment 'demo' does not hold pkgz, so conda cannot remove it.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical libmamba Multiple errors occured:\n    Download error (6) Couldn't resolve host name [https://conda.anaconda.org/conda-forge/osx-arm64/repodata.json]\n    Could not resolve host: conda.anaconda.org\n    Subdir conda-forge/osx-arm64 not loaded!")]
    [InlineData("critical libmamba Multiple errors occurred:\n    Transfer finalized, status: 404 [https://mirror.example.com/forge/noarch/repodata.json] 9 bytes\n    Subdir forge/noarch not loaded!")]
    [InlineData("critical libmamba Multi-download failed. Reason: Transfer finalized, status: 403 [https://mirror.example.com/forge/noarch/repodata.json] 0 bytes")]
    [InlineData("critical libmamba Could not load repodata. Cache corrupted?")]
    public void Micromamba_channel_failures_on_stderr_are_unreachable(string stderr)
    {
        var error = CondaFailure.Explain(Result(string.Empty, stderr: "info     libmamba Reading repodata\n" + stderr, program: "/Users/dev/.m1env/bin/micromamba"), "demo");

        Assert.Equal(ErrorCodes.CondaChannelUnreachable, error.Code);
        Assert.StartsWith("micromamba could not read a channel of the environment 'demo'.", error.Message, StringComparison.Ordinal);
        Assert.Contains("micromamba says:\n  " + stderr.Split('\n')[0]["critical libmamba ".Length..], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("critical libmamba", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Reading repodata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Micromamba_credentials_in_a_failing_channel_url_are_redacted()
    {
        const string stderr = "critical libmamba Multiple errors occured:\n    Download error (22) HTTP response code said error [https://bob:hunter2@mirror.example.com/forge/noarch/repodata.json]";

        var error = CondaFailure.Explain(Result(string.Empty, stderr: stderr, program: "micromamba"), "demo");

        Assert.Equal(ErrorCodes.CondaChannelUnreachable, error.Code);
        Assert.Contains("https://****@mirror.example.com/forge/noarch/repodata.json", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Micromamba_without_json_still_tells_a_solver_failure()
    {
        var error = CondaFailure.Explain(Result(string.Empty, stderr: "critical libmamba Could not solve for environment specs", program: "micromamba"), "demo");

        Assert.Equal(ErrorCodes.CondaUnsatisfiable, error.Code);
    }

    [Fact]
    public void The_tool_is_named_from_the_command_line()
    {
        Assert.Equal("mamba", CondaFailure.ToolName("\"C:\\Program Files\\miniforge3\\condabin\\mamba.bat\" install"));
        Assert.Equal("micromamba", CondaFailure.ToolName("/Users/dev/.m1env/bin/micromamba create"));
        Assert.Equal("conda", CondaFailure.ToolName("/opt/miniforge3/bin/conda install"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Traceback (most recent call last):\n  File \"/opt/miniforge3/lib/python3.10/site-packages/conda/cli/main.py\", line 1\nKeyboardInterrupt")]
    [InlineData("{\n  \"caused_by\": \"None\",\n  \"error\": \"PackagesNotF")]
    [InlineData("\0\0\0")]
    public void Plain_or_truncated_failures_are_conda_command_failed(string stdout)
    {
        var result = Result(stdout, exitCode: 2);

        var error = CondaFailure.Explain(result, "demo");

        Assert.Equal(ErrorCodes.CondaCommandFailed, error.Code);
        Assert.Equal("conda failed for the environment 'demo' (exit code 2); its last lines follow.", error.Message);
        Assert.Equal(result.Transcript, error.ToolOutput);
    }

    [Fact]
    public void A_success_exit_without_a_result_is_conda_command_failed()
    {
        var error = CondaFailure.Explain(Result("Collecting package metadata: done\n", exitCode: 0), "demo");

        Assert.Equal(ErrorCodes.CondaCommandFailed, error.Code);
        Assert.Contains("exited with code 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("no successful JSON result", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_out_says_so()
    {
        var error = CondaFailure.Explain(Result(string.Empty, exitCode: -1) with { TimedOut = true }, "demo");

        Assert.Equal(ErrorCodes.CondaCommandFailed, error.Code);
        Assert.Contains("ran past its time limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_explanation_is_cut()
    {
        var lines = string.Join("\\n", Enumerable.Range(1, 40).Select(i => $"pkg{i} -> dep"));

        var error = CondaFailure.Explain(Result(CondaError("UnsatisfiableError", lines)), "demo");

        Assert.Contains("  pkg12 -> dep\n  … (28 more lines)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pkg13 ", error.Message, StringComparison.Ordinal);
    }
}
