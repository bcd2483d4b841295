using M1Env.Core.Inspection;
using M1Env.Testing;

namespace M1Env.Core.Tests.Inspection;

public sealed class CondaHistoryTests
{
    /// <summary>What conda 23.7 writes for the recorded create pkga=1.0, install pkga=2.0 pkgc, remove pkgc.</summary>
    private const string CondaHistoryText = """
        ==> 2023-11-28 21:40:01 <==
        # cmd: /Users/dev/miniforge3/bin/conda create -p /Users/dev/ml/.m1env/demo -y -q --json --override-channels -c file:///Users/dev/channel pkga=1.0
        # conda version: 23.7.4
        +file:///Users/dev/channel/noarch::pkga-1.0-h0_0
        # update specs: ['pkga=1.0']
        ==> 2023-11-28 21:40:05 <==
        # cmd: /Users/dev/miniforge3/bin/conda install -p /Users/dev/ml/.m1env/demo -y -q --json --override-channels -c file:///Users/dev/channel pkga=2.0 pkgc
        # conda version: 23.7.4
        -file:///Users/dev/channel/noarch::pkga-1.0-h0_0
        +file:///Users/dev/channel/noarch::pkga-2.0-h0_0
        +file:///Users/dev/channel/noarch::pkgb-1.0-h0_0
        +file:///Users/dev/channel/noarch::pkgc-0.1-h0_0
        # update specs: ['pkga=2.0', 'pkgc']
        ==> 2023-11-28 21:40:09 <==
        # cmd: /Users/dev/miniforge3/bin/conda remove -p /Users/dev/ml/.m1env/demo -y -q --json --override-channels -c file:///Users/dev/channel pkgc
        # conda version: 23.7.4
        -file:///Users/dev/channel/noarch::pkgb-1.0-h0_0
        -file:///Users/dev/channel/noarch::pkgc-0.1-h0_0
        # remove specs: ['pkgc']

        """;

    [Fact]
    public void Replays_conda_s_history_to_what_is_still_requested()
    {
        var specs = CondaHistory.ParseRequestedSpecs(CondaHistoryText);

        Assert.Equal(new Dictionary<string, string> { ["pkga"] = "pkga=2.0" }, specs);
    }

    [Fact]
    public void Reads_micromamba_s_double_quoted_lists()
    {
        const string text = """
            ==> 2024-02-01 10:00:00 <==
            # cmd: micromamba create -p /Users/dev/ml/.m1env/demo pkgd "pkga>=1"
            # conda version: 3.8.0
            +file:///Users/dev/channel/noarch::pkga-1.0-h0_0
            +file:///Users/dev/channel/noarch::pkgd-1.0-h0_0
            # update specs: ["pkgd", "pkga>=1", "odd\"name"]
            """;

        Assert.Equal(new Dictionary<string, string> { ["odd\"name"] = "odd\"name", ["pkga"] = "pkga>=1", ["pkgd"] = "pkgd" }, CondaHistory.ParseRequestedSpecs(text));
    }

    [Fact]
    public void Reads_conda_s_double_quoted_specs_channels_and_neutered_specs()
    {
        const string text = """
            ==> 2024-02-01 10:00:00 <==
            # cmd: conda install "pkga>=2" conda-forge::NumPy python=3.11
            # update specs: ["pkga[version='>=2']", 'conda-forge::numpy', 'python=3.11', 'local@']
            # neutered specs: ['python=3.11.*']
            """;

        Assert.Equal(
            new Dictionary<string, string> { ["numpy"] = "conda-forge::numpy", ["pkga"] = "pkga[version='>=2']", ["python"] = "python=3.11.*" },
            CondaHistory.ParseRequestedSpecs(text));
    }

    [Fact]
    public void Reads_the_format_of_conda_before_4_5()
    {
        const string text = """
            ==> 2017-05-01 10:00:00 <==
            # cmd: /opt/conda/bin/conda install python>=3.5.1 "jupyter >=1.0.0,<2.0"
            # install specs: python>=3.5.1,jupyter >=1.0.0,<2.0
            """;

        Assert.Equal(
            new Dictionary<string, string> { ["jupyter"] = "jupyter >=1.0.0,<2.0", ["python"] = "python>=3.5.1" },
            CondaHistory.ParseRequestedSpecs(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("==> 2024-02-01 10:00:00 <==\n# cmd: conda create -p /x\n# conda version: 23.7.4\n")]
    [InlineData("# update specs: [\n")]
    [InlineData("garbage\n\0\0")]
    public void A_history_without_specs_requests_nothing(string text) =>
        Assert.Empty(CondaHistory.ParseRequestedSpecs(text));

    [Fact]
    public void Reads_a_prefix_s_history_file_and_an_absent_one_as_empty()
    {
        using var temp = new TempDirectory("m1env-condahistory");
        var meta = temp.CreateSubdirectory(Path.Combine("demo", "conda-meta"));
        File.WriteAllText(Path.Combine(meta, "history"), CondaHistoryText);

        Assert.Equal(["pkga"], CondaHistory.ReadRequestedSpecs(temp.Combine("demo")).Keys);
        Assert.Empty(CondaHistory.ReadRequestedSpecs(temp.Combine("nowhere")));
    }
}
