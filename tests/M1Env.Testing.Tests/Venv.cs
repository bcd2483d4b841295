namespace M1Env.Testing.Tests;

/// <summary>A virtual environment made with <c>python -m venv</c> and the pip commands the tests run in it.</summary>
internal sealed class Venv
{
    private Venv(string root) => Root = root;

    public string Root { get; }

    public string Python => OperatingSystem.IsWindows()
        ? Path.Combine(Root, "Scripts", "python.exe")
        : Path.Combine(Root, "bin", "python");

    public static async Task<Venv> CreateAsync(string root)
    {
        var outcome = await PythonProcess.RunAsync(PythonFinder.Find(), ["-m", "venv", root]);
        Assert.True(outcome.Succeeded, outcome.ToString());
        return new Venv(root);
    }

    public Task<ExternalCommandResult> PipInstallAsync(string indexUrl, params string[] requirements) =>
        PythonProcess.RunAsync(
            Python,
            [
                "-m", "pip", "install",
                "--isolated", "--no-cache-dir", "--progress-bar", "off", "--retries", "0", "--timeout", "15",
                "--index-url", indexUrl,
                .. requirements,
            ]);

    public Task<ExternalCommandResult> RunCodeAsync(string code) => PythonProcess.RunAsync(Python, ["-c", code]);
}
