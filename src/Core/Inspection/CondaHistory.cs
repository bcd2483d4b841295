using System.Text;
using System.Text.RegularExpressions;

namespace M1Env.Core.Inspection;

/// <summary>
/// Reads <c>conda-meta/history</c>, the log conda and micromamba append to on every change, for the
/// specs the user asked for. Dependencies are not in there: they are what the solver chose.
/// </summary>
/// <remarks>
/// Each change is a block: <c>==&gt; 2024-01-31 10:00:00 &lt;==</c>, <c># cmd: ...</c>,
/// <c># conda version: ...</c>, <c>+channel::name-version-build</c> / <c>-...</c> lines, then
/// <c># update specs: ['numpy=1.26']</c> (or <c>remove</c>, <c>neutered</c>). conda writes Python
/// list literals (single quotes, or double quotes around a spec holding one), micromamba
/// double-quoted strings; conda before 4.5 wrote <c># install specs: a,b &gt;=1,&lt;2</c>.
/// </remarks>
public static partial class CondaHistory
{
    [GeneratedRegex(@"^#\s*(?<action>\w+)\s+specs:\s*(?<specs>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecsLine();

    [GeneratedRegex(@"^==>\s*.+?\s*<==$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockHeader();

    /// <summary>The requested specs of <c>&lt;prefix&gt;/conda-meta/history</c>; empty when it is missing or unreadable.</summary>
    public static IReadOnlyDictionary<string, string> ReadRequestedSpecs(string prefix)
    {
        try
        {
            var path = Path.Combine(prefix, "conda-meta", "history");
            return File.Exists(path) ? ParseRequestedSpecs(File.ReadAllText(path)) : new Dictionary<string, string>();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary>
    /// Package name (lower case) → the last spec requested for it, replaying the history as conda does:
    /// a <c>remove</c> drops the name, an <c>update</c>/<c>install</c>/<c>create</c> or <c>neutered</c> spec replaces it.
    /// </summary>
    /// <remarks>
    /// A name may stay here after its package left the prefix (conda has not always logged removals):
    /// conda itself only keeps the names it finds installed.
    /// </remarks>
    public static IReadOnlyDictionary<string, string> ParseRequestedSpecs(string historyText)
    {
        var specs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in Blocks(historyText ?? string.Empty))
        {
            // Within one change conda applies removals, then updates, then neutered specs.
            foreach (var spec in block.Where(s => s.Action is "remove" or "uninstall").SelectMany(s => s.Specs))
            {
                specs.Remove(SpecName(spec));
            }

            foreach (var spec in block.Where(s => s.Action is "update" or "install" or "create").Concat(block.Where(s => s.Action == "neutered")).SelectMany(s => s.Specs))
            {
                specs[SpecName(spec)] = spec;
            }
        }

        specs.Remove(string.Empty);
        return specs;
    }

    /// <summary>The package name a match spec is about: <c>numpy</c> of <c>conda-forge::numpy[version='&gt;=1.26']</c>.</summary>
    internal static string SpecName(string spec)
    {
        var text = spec.Trim();
        text = text[(text.LastIndexOf("::", StringComparison.Ordinal) is var colons and >= 0 ? colons + 2 : 0)..];
        var end = text.IndexOfAny([' ', '=', '<', '>', '!', '~', '[', '(', '@', ',', '|']);
        return (end < 0 ? text : text[..end]).ToLowerInvariant();
    }

    /// <summary>The specs lines of each block, in order; lines before the first header count as a block of their own.</summary>
    private static List<List<(string Action, IReadOnlyList<string> Specs)>> Blocks(string text)
    {
        var blocks = new List<List<(string, IReadOnlyList<string>)>> { new() };
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (BlockHeader().IsMatch(line))
            {
                blocks.Add([]);
            }
            else if (SpecsLine().Match(line) is { Success: true } match)
            {
                var specs = ParseSpecList(match.Groups["specs"].Value.Trim())
                    .Where(s => s.Length > 0 && !s.EndsWith('@'))
                    .ToArray();
                blocks[^1].Add((match.Groups["action"].Value, specs));
            }
        }

        return blocks;
    }

    private static IReadOnlyList<string> ParseSpecList(string value) =>
        value.StartsWith('[') ? QuotedStrings(value) : OldFormatSpecs(value);

    /// <summary>The quoted strings of a Python list literal or micromamba's list: either quote, backslash escapes.</summary>
    private static List<string> QuotedStrings(string value)
    {
        var strings = new List<string>();
        for (var i = 0; i < value.Length; i++)
        {
            var quote = value[i];
            if (quote is not ('\'' or '"'))
            {
                continue;
            }

            var current = new StringBuilder();
            for (i++; i < value.Length && value[i] != quote; i++)
            {
                current.Append(value[i] == '\\' && i + 1 < value.Length ? value[++i] : value[i]);
            }

            strings.Add(current.ToString().Trim());
        }

        return strings;
    }

    /// <summary>conda before 4.5: <c>python&gt;=3.5.1,jupyter &gt;=1.0.0,&lt;2.0</c>; a piece that starts with a relation belongs to the spec before it.</summary>
    private static List<string> OldFormatSpecs(string value)
    {
        var specs = new List<string>();
        foreach (var piece in value.Split(','))
        {
            if (specs.Count > 0 && piece.TrimStart() is [('=' or '<' or '>' or '!' or '~'), ..])
            {
                specs[^1] += "," + piece;
            }
            else
            {
                specs.Add(piece.Trim());
            }
        }

        return specs;
    }
}
