using M1Env.Core.Backends.Conda;

namespace M1Env.Core.Tests.Backends.Conda;

public sealed class CondaOutputTests
{
    [Theory]
    [InlineData("create-progress", 1)]
    [InlineData("install-progress", 3)]
    public void The_final_record_after_conda_progress_records_is_the_result(string step, int fetched)
    {
        var stdout = CondaFixture.Load(CondaFixture.Conda, step).StandardOutput;
        Assert.Contains('\0', stdout);

        using var document = CondaOutput.FinalJson(stdout);

        Assert.NotNull(document);
        Assert.True(document.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(fetched, document.RootElement.GetProperty("actions").GetProperty("FETCH").GetArrayLength());
    }

    [Fact]
    public void Plain_lines_before_the_json_are_skipped()
    {
        var json = CondaFixture.Load(CondaFixture.Micromamba, "create").StandardOutput;

        using var document = CondaOutput.FinalJson("==> WARNING: A newer version of conda exists. <==\n  current version: 23.7.4\n\n" + json);

        Assert.Equal("/Users/dev/ml/.m1env/demo", document!.RootElement.GetProperty("prefix").GetString());
    }

    [Fact]
    public void An_array_is_a_result_too()
    {
        using var document = CondaOutput.FinalJson(CondaFixture.Load(CondaFixture.Conda, "list").StandardOutput);

        Assert.Equal(3, document!.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\0\n")]
    [InlineData("Solving environment: done\n")]
    [InlineData("{ not json }")]
    public void No_result_is_null(string? stdout) =>
        Assert.Null(CondaOutput.FinalJson(stdout));

    [Fact]
    public void A_result_cut_short_is_null_and_its_indented_inner_objects_do_not_pass_for_it()
    {
        var json = CondaFixture.Load(CondaFixture.Conda, "install").StandardOutput;

        Assert.Null(CondaOutput.FinalJson(json[..(json.Length / 2)]));
    }

    [Fact]
    public void A_result_cut_short_after_progress_records_is_null_not_the_last_progress_record()
    {
        var stdout = CondaFixture.Load(CondaFixture.Conda, "install-progress").StandardOutput;

        Assert.Null(CondaOutput.FinalJson(stdout[..^40]));
    }

    [Fact]
    public void Only_progress_records_is_null()
    {
        var stdout = CondaFixture.Load(CondaFixture.Conda, "create-progress").StandardOutput;
        var progressOnly = stdout[..(stdout.LastIndexOf('\0') + 1)];

        Assert.Null(CondaOutput.FinalJson(progressOnly));
    }
}
