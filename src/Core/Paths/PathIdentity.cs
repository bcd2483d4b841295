namespace M1Env.Core.Paths;

/// <summary>
/// When two paths name the same file: case-insensitively on Windows and macOS (their default file
/// systems), exactly elsewhere. Every place that compares or keys paths goes through here.
/// </summary>
public static class PathIdentity
{
    private static readonly bool IgnoresCase = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();

    public static StringComparer Comparer { get; } = IgnoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static bool AreEqual(string a, string b) => Comparer.Equals(a, b);

    /// <summary>One spelling per file, for keys that leave the process (such as a lock file's name).</summary>
    public static string Key(string path) => IgnoresCase ? path.ToUpperInvariant() : path;
}
