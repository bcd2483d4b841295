using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>A package that does not match its hash: what conda 24.11 and libmamba print, read as M1E062.</summary>
public sealed class CondaFailureHashMismatchTests
{
    private const string Mismatch =
        "Conda detected a mismatch between the expected content and downloaded content\\nfor url 'http://127.0.0.1:39687/noarch/pkga-2.0-0.tar.bz2'.\\n  download saved to: /pkgs/pkga-2.0-0.tar.bz2\\n  expected md5: 00000000000000000000000000000000\\n  actual md5: 6866d6be18653e719e3a947d2164f946\\n";

    private static ProcessResult Result(string stdout, string stderr = "", string program = "/opt/conda/bin/conda") =>
        new($"{program} create -p /p -y --json --file demo.linux-64.conda-lock.txt", 1, stdout, stdout.Split('\n').Concat(stderr.Split('\n')).Where(l => l.Length > 0).TakeLast(25).ToArray());

    private static string ChecksumError() =>
        $$"""{"actual_checksum": "6866d6be18653e719e3a947d2164f946", "caused_by": "None", "checksum_type": "md5", "error": "ChecksumMismatchError: {{Mismatch}}", "exception_name": "ChecksumMismatchError", "exception_type": "<class 'conda.exceptions.ChecksumMismatchError'>", "expected_checksum": "00000000000000000000000000000000", "message": "{{Mismatch}}", "url": "http://127.0.0.1:39687/noarch/pkga-2.0-0.tar.bz2"}""";

    [Fact]
    public void Condas_multi_error_of_checksum_mismatches_is_a_lock_hash_mismatch_quoting_the_url()
    {
        // conda 24.11 downloads in parallel and wraps the failures (here the same one twice) in a CondaMultiError.
        var stdout = $$"""{"caused_by": "None", "error": "CondaMultiError: Multiple Errors Encountered.", "errors": [{{ChecksumError()}}, {{ChecksumError()}}], "exception_name": "CondaMultiError", "exception_type": "<class 'conda.CondaMultiError'>"}""";

        var error = CondaFailure.Explain(Result(stdout), "demo");

        Assert.Equal(ErrorCodes.LockHashMismatch, error.Code);
        Assert.Contains("pkga-2.0-0.tar.bz2", error.Message, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(error.Message, "expected md5"));
    }

    [Fact]
    public void A_single_checksum_mismatch_is_a_lock_hash_mismatch()
    {
        Assert.Equal(ErrorCodes.LockHashMismatch, CondaFailure.Explain(Result(ChecksumError()), "demo").Code);
    }

    [Fact]
    public void Libmambas_sum_mismatch_is_a_lock_hash_mismatch()
    {
        var error = CondaFailure.Explain(
            Result(string.Empty, "critical libmamba File not valid: file size doesn't match expectation\ncritical libmamba Download error: MD5 sum doesn't match expectation", "/usr/bin/micromamba"),
            "demo");

        Assert.Equal(ErrorCodes.LockHashMismatch, error.Code);
    }

    [Fact]
    public void Another_multi_error_stays_a_command_failure()
    {
        var stdout = """{"error": "CondaMultiError: Multiple Errors Encountered.", "errors": [{"exception_name": "CondaHTTPError", "message": "HTTP 000"}], "exception_name": "CondaMultiError"}""";

        Assert.Equal(ErrorCodes.CondaCommandFailed, CondaFailure.Explain(Result(stdout), "demo").Code);
    }
}
