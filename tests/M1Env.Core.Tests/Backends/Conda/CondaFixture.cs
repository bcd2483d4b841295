using System.Globalization;
using System.Text;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>One recorded step of Fixtures/: what the tool printed on stdout and stderr, and its exit status.</summary>
internal sealed record CondaFixture(string Tool, string Step, string StandardOutput, string StandardError, int ExitCode)
{
    public const string Conda = "conda-23.7.4";
    public const string Micromamba = "micromamba-1.5.12";
    public const string Micromamba2 = "micromamba-2.8.1";
    public const string Mamba2 = "mamba-2.8.1";

    /// <summary>Written by hand, not recorded: see its README.</summary>
    public const string Mamba29 = "mamba-2.9-derived";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Backends", "Conda", "Fixtures");

    public static CondaFixture Load(string tool, string step)
    {
        var folder = Path.Combine(Folder, tool);
        var stdout = new[] { ".json", ".txt", ".bin" }.Select(ext => Path.Combine(folder, step + ext)).Single(File.Exists);
        return new CondaFixture(
            tool,
            step,
            File.ReadAllText(stdout, Encoding.UTF8),
            File.ReadAllText(Path.Combine(folder, step + ".stderr"), Encoding.UTF8),
            int.Parse(File.ReadAllText(Path.Combine(folder, step + ".exit")).Trim(), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The result <see cref="ProcessRunner"/> would have made: the full stdout, the last 25 lines of
    /// stdout then stderr (the recording kept them apart, so their interleaving is unknown), and those of stderr.
    /// </summary>
    public ProcessResult ToResult()
    {
        var program = Tool.StartsWith("conda", StringComparison.Ordinal) ? "/Users/dev/miniforge3/bin/conda"
            : Tool.StartsWith("micromamba", StringComparison.Ordinal) ? "/Users/dev/.m1env/bin/micromamba"
            : "/Users/dev/miniforge3/bin/mamba";
        var lines = Lines(StandardOutput).Concat(Lines(StandardError)).ToArray();
        return new ProcessResult($"{program} {Step} -p /Users/dev/ml/.m1env/demo --json", ExitCode, StandardOutput, lines.TakeLast(25).ToArray())
        {
            ErrorTail = Lines(StandardError).TakeLast(25).ToArray(),
        };
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Replace("\0", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
}
