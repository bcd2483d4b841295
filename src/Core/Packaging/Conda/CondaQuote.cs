using System.Globalization;
using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Packaging.Conda;

/// <summary>Shortens what conda said so an error can quote it: its own words, without boilerplate, credentials or a wall of text.</summary>
internal static class CondaQuote
{
    public const int MaxLines = 12;
    public const int MaxLineLength = 300;

    /// <summary>Where conda's generic advice starts: it points at anaconda.org or conda's config, not at the env's declarations.</summary>
    private static readonly string[] BoilerplateStarts =
    [
        "To search for alternate channels",
        "You will need to adjust your conda configuration",
        "If you run into this error repeatedly",
    ];

    /// <summary>The text's lines, indented by two spaces, blank runs collapsed, cut after <see cref="MaxLines"/> lines.</summary>
    public static string Indented(string text)
    {
        var lines = new List<string>();
        foreach (var raw in UrlRedactor.Redact(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (BoilerplateStarts.Any(b => line.TrimStart().StartsWith(b, StringComparison.Ordinal)))
            {
                break;
            }

            if (line.Length == 0 && (lines.Count == 0 || lines[^1].Length == 0))
            {
                continue;
            }

            lines.Add(line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var shown = lines.Take(MaxLines).Select(l => l.Length == 0 ? l : "  " + l).ToList();
        if (lines.Count > MaxLines)
        {
            shown.Add(string.Create(CultureInfo.InvariantCulture, $"  … ({lines.Count - MaxLines} more lines)"));
        }

        return string.Join("\n", shown);
    }
}
