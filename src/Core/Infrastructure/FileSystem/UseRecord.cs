using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>
/// When a kept item of the tools folder (a kept install, venv, pip seed, probe answer) was last used
/// by a build: a file beside the item, <c>ITEM.used</c>, holding the UTC date. Written at most once a
/// day per item (a process remembers what it wrote, and reads the file before writing it), so a build
/// that uses 200 items does not write 200 files every time. Beside the item rather than in it: a kept
/// install's planting takes every file of its folder, an older M1Env's too. An item without a record
/// (kept by an older M1Env) counts as used when its folder or file was last written.
/// </summary>
public static class UseRecord
{
    public const string Suffix = ".used";

    private const string DateFormat = "yyyy-MM-dd";

    private static readonly ConcurrentDictionary<string, DateOnly> Written = new(StringComparer.Ordinal);

    /// <summary>The record of <paramref name="item"/> (a folder or a file).</summary>
    public static string PathOf(string item) => Path.TrimEndingDirectorySeparator(item) + Suffix;

    /// <summary>Records that <paramref name="item"/> is used today; does nothing when it was already today, or the tools folder cannot be written.</summary>
    public static void Record(string item) => Record(item, DateTime.UtcNow);

    /// <summary>As <see cref="Record(string)"/>, at <paramref name="now"/> (UTC).</summary>
    public static void Record(string item, DateTime now)
    {
        var file = PathOf(item);
        var today = DateOnly.FromDateTime(now);
        if (Written.TryGetValue(file, out var written) && written == today)
        {
            return;
        }

        try
        {
            if (ReadDate(file) != today)
            {
                Write(file, today);
            }

            Written[file] = today;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A read-only tools folder, or the item was just removed: its use is simply not recorded.
        }
    }

    /// <summary>
    /// When <paramref name="item"/> was last used (UTC): the date its record holds, or, without a
    /// readable record, when the item itself was last written; null when the item is gone.
    /// </summary>
    public static DateTime? LastUse(string item)
    {
        if (ReadDate(PathOf(item)) is { } date)
        {
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        return Directory.Exists(item) ? Directory.GetLastWriteTimeUtc(item)
            : File.Exists(item) ? File.GetLastWriteTimeUtc(item)
            : null;
    }

    /// <summary>
    /// Overwrites the date in place: the record keeps its length, and replacing a file's content by
    /// truncating it makes ext4 flush it at once (auto_da_alloc), about a hundred times the cost.
    /// </summary>
    private static void Write(string file, DateOnly date)
    {
        var bytes = Encoding.ASCII.GetBytes(date.ToString(DateFormat, CultureInfo.InvariantCulture));
        using var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(bytes);
        stream.SetLength(bytes.Length);
    }

    /// <summary>Forgets what this process wrote, so a test can see the file written again.</summary>
    internal static void ForgetWritten() => Written.Clear();

    private static DateOnly? ReadDate(string file)
    {
        try
        {
            return File.Exists(file) && DateOnly.TryParseExact(File.ReadAllText(file).Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
