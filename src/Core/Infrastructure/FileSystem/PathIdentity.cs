namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>
/// When two paths name the same file: case-insensitively on Windows and macOS (their default file
/// systems), exactly elsewhere. Every place that compares or keys paths goes through here.
/// </summary>
public static class PathIdentity
{
    private const int MaxLinkDepth = 40;

    private static readonly bool IgnoresCase = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();

    public static StringComparer Comparer { get; } = IgnoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static bool AreEqual(string a, string b) => Comparer.Equals(a, b);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it (both absolute, spelt alike).</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        var withSeparator = Path.EndsInDirectorySeparator(trimmed) ? trimmed : trimmed + Path.DirectorySeparatorChar;
        return AreEqual(Path.TrimEndingDirectorySeparator(path), trimmed)
            || path.StartsWith(withSeparator, IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>One spelling per file, for keys that leave the process (such as a lock file's name).</summary>
    public static string Key(string path) => IgnoresCase ? path.ToUpperInvariant() : path;

    /// <summary>
    /// The absolute path with every symbolic link resolved, in every component (like realpath(3));
    /// the part that does not exist yet is kept as written. Two spellings of one folder, through a
    /// link and through its target, give the same real path.
    /// </summary>
    public static string RealPath(string path) => Path.TrimEndingDirectorySeparator(Resolve(Path.GetFullPath(path), 0));

    private static string Resolve(string fullPath, int depth)
    {
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var parts = fullPath[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Join(current, parts[i]);
            FileSystemInfo? target;
            try
            {
                target = new FileInfo(next).LinkTarget is null ? null : new FileInfo(next).ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException)
            {
                // A link loop or an unreadable link: keep the path as written from here on.
                return Path.Join([next, .. parts[(i + 1)..]]);
            }

            if (target is null)
            {
                if (!Path.Exists(next))
                {
                    return Path.Join([next, .. parts[(i + 1)..]]);
                }

                current = next;
                continue;
            }

            // The target's own folders may be links too; resolve them the same way.
            current = depth < MaxLinkDepth ? Resolve(Path.GetFullPath(target.FullName), depth + 1) : target.FullName;
        }

        return current;
    }
}
