using System.Runtime.Versioning;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Python;
using M1Env.Testing;

namespace M1Env.Core.Tests.Python;

public sealed class PythonLocatorTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-home");

    private string Home => temp.Path;

    public void Dispose() => temp.Dispose();

    private static PythonLocator Locator(PythonCandidateSources sources) =>
        new(sources, new InterpreterProbe(new ProcessRunner(NullProvisionLog.Instance)), NullProvisionLog.Instance);

    [Fact]
    public async Task Finds_a_real_cpython_that_can_make_venvs()
    {
        var locator = Locator(PythonCandidateSources.ForCurrentProcess());
        var interpreter = await locator.LocateAsync(new PythonRequest(3, 11, null), CancellationToken.None);

        Assert.Equal("cpython", interpreter.Implementation);
        Assert.StartsWith("3.11.", interpreter.Version, StringComparison.Ordinal);
        Assert.True(File.Exists(interpreter.Executable));
    }

    [Fact]
    public async Task Says_where_it_looked_and_what_it_rejected()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The fake interpreter below is a shell script.
        }

        var bin = Path.Combine(Home, "bin");
        Directory.CreateDirectory(bin);
        var fake = Path.Combine(bin, "python3");
        File.WriteAllText(fake, "#!/bin/sh\necho '{\"version\": \"3.99.0\", \"executable\": \"x\", \"is_venv\": false, \"implementation\": \"pypy\", \"machine\": \"x86_64\", \"can_make_venv\": true}'\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var locator = Locator(new PythonCandidateSources(new Dictionary<string, string?> { ["PATH"] = bin, ["HOME"] = Home }));
        var error = await Assert.ThrowsAsync<M1EnvException>(() => locator.LocateAsync(new PythonRequest(3, 99, null), CancellationToken.None));

        Assert.Equal(ErrorCodes.PythonNotFound, error.Code);
        Assert.Contains("No CPython 3.99", error.Message, StringComparison.Ordinal);
        Assert.Contains(bin, error.Message, StringComparison.Ordinal);
        Assert.Contains("/usr/bin", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{fake}: pypy 3.99.0, not CPython", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_that_hangs_is_rejected_after_the_probe_timeout_and_the_search_goes_on()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The fake interpreters below are shell scripts.
        }

        var hanging = WriteScript(Path.Combine(Home, "hangs", "python3.11"), "sleep 60");
        var answering = WriteScript(
            Path.Combine(Home, "answers", "python3.11"),
            "echo '{\"version\": \"3.11.9\", \"executable\": \"x\", \"is_venv\": false, \"implementation\": \"cpython\", \"machine\": \"arm64\", \"can_make_venv\": true}'");
        var sources = new PythonCandidateSources(new Dictionary<string, string?>
        {
            ["PATH"] = Path.GetDirectoryName(hanging) + Path.PathSeparator + Path.GetDirectoryName(answering),
            ["HOME"] = Home,
        });
        var probe = new InterpreterProbe(new ProcessRunner(NullProvisionLog.Instance), TimeSpan.FromSeconds(2));

        var started = DateTime.UtcNow;
        var found = await new PythonLocator(sources, probe, NullProvisionLog.Instance, hostIsAppleSilicon: false)
            .LocateAsync(new PythonRequest(3, 11, null), CancellationToken.None);

        Assert.Equal(answering, found.Executable);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
        Assert.Equal("did not answer within 2 s", (await probe.ProbeAsync(hanging, CancellationToken.None)).RejectionReason);
    }

    [Fact]
    public void Skips_pyenv_shims_and_reads_versions_from_names()
    {
        var shims = Path.Combine(Home, ".pyenv", "shims");
        var version = Path.Combine(Home, ".pyenv", "versions", "3.11.7", "bin");
        Directory.CreateDirectory(shims);
        Directory.CreateDirectory(version);
        File.WriteAllText(Path.Combine(shims, "python3"), string.Empty);
        File.WriteAllText(Path.Combine(version, "python3.11"), string.Empty);

        var sources = new PythonCandidateSources(new Dictionary<string, string?> { ["PATH"] = shims, ["HOME"] = Home });
        var candidates = sources.Enumerate().Candidates;

        Assert.DoesNotContain(candidates, c => c.Path.StartsWith(shims, StringComparison.Ordinal));
        var pyenv = Assert.Single(candidates, c => c.Source == "pyenv");
        Assert.Equal(new Version(3, 11), pyenv.VersionHint);
    }

    [Fact]
    public void The_version_pyenv_selects_comes_where_its_shims_are_on_PATH()
    {
        var shims = Path.Combine(Home, ".pyenv", "shims");
        var system = Path.Combine(Home, "usr-bin");
        foreach (var folder in new[] { shims, system, Path.Combine(Home, ".pyenv", "versions", "3.11.7", "bin"), Path.Combine(Home, ".pyenv", "versions", "3.10.1", "bin") })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, folder.Contains("3.10", StringComparison.Ordinal) ? "python3.10" : "python3.11"), string.Empty);
        }

        File.WriteAllText(Path.Combine(Home, ".pyenv", "version"), "3.11.7\n");
        var path = string.Join(Path.PathSeparator, shims, system);
        var global = new PythonCandidateSources(new Dictionary<string, string?> { ["PATH"] = path, ["HOME"] = Home }).Enumerate().Candidates;
        Assert.Equal("PATH, pyenv's selected 3.11.7 (global version)", global[0].Source);
        Assert.Contains(Path.Combine("versions", "3.11.7"), global[0].Path, StringComparison.Ordinal);
        Assert.True(global.ToList().FindIndex(c => c.Path.StartsWith(system, StringComparison.Ordinal)) > 0);

        var variable = new PythonCandidateSources(new Dictionary<string, string?> { ["PATH"] = path, ["HOME"] = Home, ["PYENV_VERSION"] = "3.10.1" }).Enumerate().Candidates;
        Assert.Equal("PATH, pyenv's selected 3.10.1 (PYENV_VERSION)", variable[0].Source);
    }

    [Theory]
    [InlineData("3.11", 3, 11, null, true)]
    [InlineData("3.11", 3, 12, null, false)]
    [InlineData("3.11.7", 3, 11, 7, true)]
    [InlineData("3.11.7", 3, 11, 2, false)]
    [InlineData("3.11", 3, 11, 2, true)]
    public void Judges_candidates_by_name_before_starting_them(string hint, int major, int minor, int? micro, bool expected) =>
        Assert.Equal(expected, PythonLocator.HintMayMatch(Version.Parse(hint), new PythonRequest(major, minor, micro)));

    [Theory]
    [InlineData("arm64", true, null)]
    [InlineData("x86_64", true, "runs under Rosetta")]
    [InlineData("x86_64", false, null)]
    public void Rejects_an_x86_python_on_apple_silicon(string machine, bool appleSilicon, string? rejection)
    {
        var probe = new ProbeResult(new PythonInterpreter("/usr/local/bin/python3.11", "3.11.7", machine, "cpython"), IsVenv: false, CanMakeVenv: true, RejectionReason: null);
        var verdict = PythonLocator.Judge(probe, new PythonRequest(3, 11, null), appleSilicon);

        if (rejection is null)
        {
            Assert.Null(verdict);
        }
        else
        {
            Assert.Contains(rejection, verdict, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("3.12.1", false, true, "not 3.11")]
    [InlineData("3.11.7", true, true, "inside a virtual environment")]
    [InlineData("3.11.2", false, false, "apt-get install python3.11-venv")]
    public void Says_why_an_interpreter_does_not_fit(string version, bool isVenv, bool canMakeVenv, string reason)
    {
        var probe = new ProbeResult(new PythonInterpreter("/usr/bin/python3", version, "x86_64", "cpython"), isVenv, canMakeVenv, RejectionReason: null);
        Assert.Contains(reason, PythonLocator.Judge(probe, new PythonRequest(3, 11, null), hostIsAppleSilicon: false), StringComparison.Ordinal);
    }

    [UnsupportedOSPlatform("windows")]
    private static string WriteScript(string path, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
