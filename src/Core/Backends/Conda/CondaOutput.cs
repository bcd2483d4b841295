using System.Text;
using System.Text.Json;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Finds the result JSON in what conda, mamba or micromamba printed on stdout with <c>--json</c>.
/// </summary>
/// <remarks>
/// Without <c>-q</c>, conda first writes progress objects, each ended by a <c>\0</c>; the result is
/// the last record. A tool, a plugin or an activation script may also print plain lines before it.
/// </remarks>
public static class CondaOutput
{
    /// <summary>
    /// The last JSON object or array that starts a line of the last <c>\0</c>-separated record,
    /// progress objects left out; null when there is none or it is cut short. The caller disposes it.
    /// </summary>
    public static JsonDocument? FinalJson(string? stdout)
    {
        if (string.IsNullOrWhiteSpace(stdout))
        {
            return null;
        }

        var record = stdout.Split('\0').LastOrDefault(r => !string.IsNullOrWhiteSpace(r));
        if (record is null)
        {
            return null;
        }

        JsonDocument? found = null;
        var bytes = Encoding.UTF8.GetBytes(record.TrimStart('\uFEFF'));
        var start = 0;
        while (NextLineStartingValue(bytes, start) is var candidate and >= 0)
        {
            var parsed = TryParseAt(bytes, candidate, out var end);
            if (parsed is null)
            {
                start = NextLine(bytes, candidate);
                continue;
            }

            if (IsProgress(parsed.RootElement))
            {
                parsed.Dispose();
            }
            else
            {
                found?.Dispose();
                found = parsed;
            }

            start = end;
        }

        return found;
    }

    /// <summary>
    /// The index of the next <c>{</c> or <c>[</c> at the start of a line (the first line may be indented).
    /// Only line starts: inside a cut-short object the indented inner objects must not pass for the result.
    /// </summary>
    private static int NextLineStartingValue(byte[] bytes, int from)
    {
        var i = from;
        if (i == 0)
        {
            while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }

            if (i < bytes.Length && bytes[i] is (byte)'{' or (byte)'[')
            {
                return i;
            }
        }

        for (; i < bytes.Length; i++)
        {
            if (bytes[i] is (byte)'{' or (byte)'[' && i > 0 && bytes[i - 1] == (byte)'\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static int NextLine(byte[] bytes, int from)
    {
        var newline = Array.IndexOf(bytes, (byte)'\n', from);
        return newline < 0 ? bytes.Length : newline + 1;
    }

    private static JsonDocument? TryParseAt(byte[] bytes, int start, out int end)
    {
        end = start;
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            var document = JsonDocument.ParseValue(ref reader);
            end = start + (int)reader.BytesConsumed;
            return document;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>conda's download progress: <c>{"fetch": ..., "finished": ..., "maxval": ..., "progress": ...}</c>.</summary>
    private static bool IsProgress(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("progress", out _)
        && (root.TryGetProperty("fetch", out _) || root.TryGetProperty("maxval", out _));
}
