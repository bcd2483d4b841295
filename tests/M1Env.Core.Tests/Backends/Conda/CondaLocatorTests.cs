using System.Runtime.InteropServices;
using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Testing;

namespace M1Env.Core.Tests.Backends.Conda;

// The tools here are shell scripts: the locator's logic is the same on Windows, its files are not.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CondaLocatorTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-conda-locator");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    private string Home => temp.CreateSubdirectory("home");

    private string Tools => temp.Combine("tools");

    /// <summary>A real executable that answers --version as the named tool does.</summary>
    private string Tool(string folder, string name, string versionOutput)
    {
        var path = Path.Combine(temp.CreateSubdirectory(folder), name);
        File.WriteAllText(path, $"#!/bin/sh\nprintf '{versionOutput}\\n'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private CondaLocator Locator(params (string Name, string? Value)[] environment) =>
        new(new CondaCandidateSources(environment.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal), Home), new ProcessRunner(log), log);

    [Fact]
    public void Prefers_micromamba_then_mamba_then_conda_whatever_the_order_they_are_found_in()
    {
        var conda = Tool("home/miniforge3/bin", "conda", "conda 23.7.4");
        var mamba = Tool("home/miniforge3/bin", "mamba", "mamba 1.5.8");
        var micromamba = Tool("home/.local/bin", "micromamba", "1.5.12");

        Assert.Equal(micromamba, Locator().Choose(new CondaSettings(null, false, Tools))?.Executable);
        File.Delete(micromamba);
        Assert.Equal(mamba, Locator(("CONDA_EXE", conda)).Choose(new CondaSettings(null, false, Tools))?.Executable);
    }

    [Fact]
    public void M1EnvCondaExe_wins_even_over_a_faster_tool()
    {
        Tool("home/.local/bin", "micromamba", "1.5.12");
        var chosen = Locator().Choose(new CondaSettings("/opt/custom/conda", false, Tools));
        Assert.Equal(("/opt/custom/conda", CondaFlavor.Conda, "M1EnvCondaExe"), (chosen?.Executable, chosen?.Flavor, chosen?.Source));
    }

    [Fact]
    public void Finds_tools_on_path_and_in_the_tools_folder()
    {
        var onPath = Tool("bin-on-path", "conda", "conda 23.7.4");
        Assert.Equal((onPath, "PATH"), Locator(("PATH", Path.GetDirectoryName(onPath))).Choose(new CondaSettings(null, false, Tools)) is { } c ? (c.Executable, c.Source) : default);

        File.Delete(onPath);
        var bootstrapped = Tool("tools/miniforge3/bin", "conda", "conda 25.3.1");
        Assert.Equal((bootstrapped, "M1EnvToolsDir"), Locator().Choose(new CondaSettings(null, false, Tools)) is { } t ? (t.Executable, t.Source) : default);
    }

    [Fact]
    public async Task Runs_the_chosen_tool_once_and_logs_which_and_its_version()
    {
        var mamba = Tool("home/mambaforge/bin", "mamba", "mamba 1.5.8\\nconda 23.7.4");
        Directory.CreateDirectory(Path.Combine(Home, "mambaforge", "conda-meta"));

        var tool = await Locator().LocateAsync(new CondaSettings(null, false, Tools), CancellationToken.None);

        Assert.Equal(new CondaTool(mamba, CondaFlavor.Mamba, "1.5.8", Path.Combine(Home, "mambaforge")), tool);
        Assert.Contains(log.Lines, s => s.Contains($"Using mamba 1.5.8 ({mamba})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_conda_and_no_bootstrap_is_an_error_that_says_what_to_do()
    {
        var error = await Assert.ThrowsAsync<M1EnvException>(() => Locator().LocateAsync(new CondaSettings(null, false, Tools), CancellationToken.None));
        Assert.Equal(ErrorCodes.CondaNotFound, error.Code);
        Assert.Contains("M1EnvCondaExe", error.Message, StringComparison.Ordinal);
        Assert.Contains("Miniforge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_conda_with_bootstrap_installs_miniforge_and_uses_it()
    {
        var installed = temp.Combine("tools", "miniforge3", "bin", "conda");
        var locator = new CondaLocator(new CondaCandidateSources(new Dictionary<string, string?>(), Home), new ProcessRunner(log), log)
        {
            Bootstrap = (_, _) => Task.FromResult(Tool("tools/miniforge3/bin", "conda", "conda 25.3.1")),
        };

        var tool = await locator.LocateAsync(new CondaSettings(null, true, Tools), CancellationToken.None);

        Assert.Equal((installed, "25.3.1"), (tool.Executable, tool.Version));
    }

    [Fact]
    public async Task The_miniforge_it_installs_is_run_through_its_mamba_as_every_later_build_does()
    {
        Tool("tools/miniforge3/bin", "mamba", "2.5.0");
        var locator = new CondaLocator(new CondaCandidateSources(new Dictionary<string, string?>(), Home), new ProcessRunner(log), log)
        {
            Bootstrap = (_, _) => Task.FromResult(Tool("tools/miniforge3/bin", "conda", "conda 26.7.2")),
        };

        var tool = await locator.LocateAsync(new CondaSettings(null, true, Tools), CancellationToken.None);

        Assert.Equal((temp.Combine("tools", "miniforge3", "bin", "mamba"), CondaFlavor.Mamba, "2.5.0", CondaCommandLine.Libmamba), (tool.Executable, tool.Flavor, tool.Version, tool.CommandLine));
        Assert.Contains(log.Lines, l => l.Contains("Using mamba 2.5.0", StringComparison.Ordinal) && l.Contains("installed by M1Env", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_M1EnvCondaExe_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<M1EnvException>(() => Locator().LocateAsync(new CondaSettings("/nonexistent/micromamba", true, Tools), CancellationToken.None));
        Assert.Equal(ErrorCodes.CondaNotFound, error.Code);
        Assert.Contains("/nonexistent/micromamba", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_x86_64_conda_is_refused_on_apple_silicon_only()
    {
        var problem = CondaLocator.ArchitectureProblem("/usr/local/miniforge3/bin/conda", [Architecture.X64], hostIsAppleSilicon: true);
        Assert.NotNull(problem);
        Assert.Contains("Rosetta", problem, StringComparison.Ordinal);
        Assert.Contains("Miniforge3-MacOSX-arm64.sh", problem, StringComparison.Ordinal);

        Assert.Null(CondaLocator.ArchitectureProblem("/x/conda", [Architecture.X64], hostIsAppleSilicon: false));
        Assert.Null(CondaLocator.ArchitectureProblem("/x/conda", [Architecture.X64, Architecture.Arm64], hostIsAppleSilicon: true));
        Assert.Null(CondaLocator.ArchitectureProblem("/x/conda", [], hostIsAppleSilicon: true));
    }

    [Fact]
    public void Named_envs_go_to_the_root_of_the_conda_in_use_or_of_the_miniforge_to_be_installed()
    {
        Tool("home/miniforge3/bin", "conda", "conda 23.7.4");
        Directory.CreateDirectory(Path.Combine(Home, "miniforge3", "conda-meta"));
        Assert.Equal(Path.Combine(Home, "miniforge3", "envs"), Locator().NamedEnvsDirectory(new CondaSettings(null, false, Tools)));

        Directory.Delete(Path.Combine(Home, "miniforge3"), recursive: true);
        Assert.Equal(Path.Combine(Tools, "miniforge3", "envs"), Locator().NamedEnvsDirectory(new CondaSettings(null, true, Tools)));
        Assert.Null(Locator().NamedEnvsDirectory(new CondaSettings(null, false, Tools)));
        Assert.Equal("/srv/mamba/envs", Locator(("MAMBA_ROOT_PREFIX", "/srv/mamba")).NamedEnvsDirectory(new CondaSettings("/usr/bin/micromamba", false, Tools)));
    }
}
