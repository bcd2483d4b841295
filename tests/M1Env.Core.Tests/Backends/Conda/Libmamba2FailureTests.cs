using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>The failures micromamba and mamba 2.8.1 recorded, and mamba 2.9's derived ones, read as errors.</summary>
public sealed class Libmamba2FailureTests
{
    private static M1EnvException Explain(string tool, string step, string? plainStep = null) =>
        CondaFailure.Explain(
            CondaFixture.Load(tool, step).ToResult(),
            "demo",
            plainStep is null ? null : CondaFixture.Load(tool, plainStep).ToResult());

    [Theory]
    [InlineData(CondaFixture.Micromamba2, "micromamba")]
    [InlineData(CondaFixture.Mamba2, "mamba")]
    public void A_missing_package_is_not_found_once_the_plain_rerun_explains_the_unsupported_request(string tool, string name)
    {
        var error = Explain(tool, "install-missing", "install-missing-plain");

        Assert.Equal(ErrorCodes.CondaPackagesNotFound, error.Code);
        Assert.StartsWith($"{name} could not find nosuchpkg for the environment 'demo' in its channels.", error.Message, StringComparison.Ordinal);
        Assert.Contains("  └─ nosuchpkg =* * does not exist (perhaps a typo or a missing channel).", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Flat Repodata", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    public void A_missing_python_names_its_spec(string tool)
    {
        var error = Explain(tool, "create-missing-python", "create-missing-python-plain");

        Assert.Equal(ErrorCodes.CondaPackagesNotFound, error.Code);
        Assert.Contains("could not find python =3.12 for the environment 'demo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("python =3.12 * does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    public void Without_a_rerun_an_unsupported_request_is_unsatisfiable_with_a_hint(string tool)
    {
        var error = Explain(tool, "install-missing");

        Assert.Equal(ErrorCodes.CondaUnsatisfiable, error.Code);
        Assert.Contains("named no reason (it says only \"unsupported request\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    public void A_conflict_is_unsatisfiable_quoting_the_solver_problem(string tool)
    {
        var error = Explain(tool, "create-unsatisfiable");

        Assert.Equal(ErrorCodes.CondaUnsatisfiable, error.Code);
        Assert.EndsWith("says:\n  package pkgd-1.0-h0_0 requires pkga <2, but none of the providers can be installed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CondaFixture.Micromamba2)]
    [InlineData(CondaFixture.Mamba2)]
    public void A_tampered_hash_in_an_explicit_file_is_a_lock_hash_mismatch_with_a_short_message(string tool)
    {
        var fixture = CondaFixture.Load(tool, "create-explicit-hash-mismatch");
        Assert.Equal("critical libmamba Found incorrect downloads. Aborting\n", fixture.StandardError);

        var error = CondaFailure.Explain(fixture.ToResult(), "demo4");

        Assert.Equal(ErrorCodes.LockHashMismatch, error.Code);
        Assert.EndsWith("says:\n  Found incorrect downloads. Aborting", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"md5\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_mismatch_reads_stderr_apart_when_the_json_after_it_fills_the_mixed_tail()
    {
        // libmamba logs the error before it prints the JSON, so the mixed tail holds only JSON lines.
        var fixture = CondaFixture.Load(CondaFixture.Mamba2, "create-explicit-hash-mismatch");
        var stdoutLines = fixture.StandardOutput.Split('\n').Where(l => l.Length > 0).ToArray();
        var result = new ProcessResult("/Users/dev/miniforge3/bin/mamba create --json", 1, fixture.StandardOutput, stdoutLines.TakeLast(25).ToArray())
        {
            ErrorTail = ["critical libmamba Found incorrect downloads. Aborting"],
        };

        var error = CondaFailure.Explain(result, "demo4");

        Assert.Equal(ErrorCodes.LockHashMismatch, error.Code);
        Assert.DoesNotContain("pkgc-0.1-h0_0.conda", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mamba_2_9_explains_a_missing_package_in_log_history()
    {
        var error = Explain(CondaFixture.Mamba29, "install-missing");

        Assert.Equal(ErrorCodes.CondaPackagesNotFound, error.Code);
        Assert.StartsWith("mamba could not find nosuchpkg for the environment 'demo'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mamba_2_9_names_a_missing_python_from_log_history()
    {
        var error = Explain(CondaFixture.Mamba29, "create-missing-python");

        Assert.Equal(ErrorCodes.CondaPackagesNotFound, error.Code);
        Assert.Contains("could not find python =3.12 for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mamba_2_9_quotes_the_conflict_tree_from_log_history_once()
    {
        var error = Explain(CondaFixture.Mamba29, "create-unsatisfiable");

        Assert.Equal(ErrorCodes.CondaUnsatisfiable, error.Code);
        Assert.Contains("  └─ pkgd =* * is not installable because it requires", error.Message, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(error.Message, "Could not solve for environment specs"));
    }

    [Fact]
    public void Mamba_2_9_reports_a_tampered_hash_in_log_history()
    {
        var error = Explain(CondaFixture.Mamba29, "create-explicit-hash-mismatch");

        Assert.Equal(ErrorCodes.LockHashMismatch, error.Code);
        Assert.Contains("  File not valid: md5 doesn't match expectation", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("  Found incorrect downloads. Aborting", error.Message, StringComparison.Ordinal);
    }
}
