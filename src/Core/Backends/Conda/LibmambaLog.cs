using System.Text.Json;
using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// What libmamba (micromamba, mamba 2) logged about a failure, as lines without their level prefix:
/// from stderr (up to 2.8), or from the <c>log_history</c> of the stdout JSON (2.9, where <c>--json</c>
/// keeps stderr empty).
/// </summary>
internal static partial class LibmambaLog
{
    /// <summary>The first line of every unsolvable explanation, and the whole of the message that ends the run.</summary>
    public const string CouldNotSolve = "Could not solve for environment specs";

    [GeneratedRegex(@"^(?:critical|error)\s+libmamba\s+", RegexOptions.CultureInvariant)]
    private static partial Regex LevelPrefix();

    /// <summary>
    /// The lines from the first <c>critical libmamba</c> or <c>error libmamba</c> line on, their level
    /// prefix removed (the lines after belong to the same message); empty when none. Only stderr: the
    /// lines of the JSON document on stdout are left out.
    /// </summary>
    public static IReadOnlyList<string> FromStderr(ProcessResult result)
    {
        var lines = StderrLines(result);
        var first = lines.FindIndex(l => LevelPrefix().IsMatch(l.TrimStart()));
        return first < 0
            ? []
            : lines.Skip(first).Select(l => LevelPrefix().Replace(l.TrimStart(), string.Empty).TrimEnd()).Where(l => l.Length > 0).ToArray();
    }

    /// <summary>The lines of the <c>error</c> and <c>critical</c> records of mamba 2.9's <c>log_history</c>; empty when it has none.</summary>
    public static IReadOnlyList<string> FromLogHistory(JsonElement root) =>
        CondaJson.Objects(root, "log_history")
            .Where(r => CondaJson.Text(r, "level") is "error" or "critical")
            .Select(r => CondaJson.String(r, "message"))
            .OfType<string>()
            .SelectMany(m => m.Split('\n'))
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0)
            .ToArray();

    /// <summary>
    /// The lines say more than that the solve failed: an explanation to classify and quote, not only
    /// the bare <see cref="CouldNotSolve"/> every unsolvable run ends with.
    /// </summary>
    public static bool Explains(IReadOnlyList<string> lines) =>
        lines.Any(l => l.Trim() != CouldNotSolve);

    /// <summary>
    /// Lines that are not a line of stdout: <see cref="ProcessResult.ErrorTail"/> when the runner kept
    /// it, else the mixed tail less what stdout holds (a fixture or an older runner).
    /// </summary>
    private static List<string> StderrLines(ProcessResult result)
    {
        if (result.ErrorTail.Count > 0)
        {
            return [.. result.ErrorTail];
        }

        var stdout = result.StandardOutput.Split('\n').Select(l => UrlRedactor.Redact(l.TrimEnd('\r'))).ToHashSet(StringComparer.Ordinal);
        return result.OutputTail.Where(l => !stdout.Contains(l)).ToList();
    }
}
