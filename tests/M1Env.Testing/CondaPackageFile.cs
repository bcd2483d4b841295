using System.Text;

namespace M1Env.Testing;

/// <summary>
/// One payload entry of a conda package, at a path relative to the prefix it installs into (forward slashes):
/// a file with its bytes, or a symbolic link.
/// </summary>
public sealed class CondaPackageFile
{
    private CondaPackageFile(string path, byte[] content, string? linkTarget, bool executable, string? prefixPlaceholder, bool isInfo = false)
    {
        if (!isInfo && IsInvalidPayloadPath(path))
        {
            throw new ArgumentException($"'{path}' is not a relative payload path (forward slashes, no '..', not under info/).", nameof(path));
        }

        if (prefixPlaceholder is { Length: 0 })
        {
            throw new ArgumentException("An empty prefix placeholder would match everywhere.", nameof(prefixPlaceholder));
        }

        Path = path;
        Content = content;
        LinkTarget = linkTarget;
        Executable = executable;
        PrefixPlaceholder = prefixPlaceholder;
    }

    public string Path { get; }

    /// <summary>The file's bytes; empty for a symbolic link.</summary>
    public byte[] Content { get; }

    /// <summary>Where a symbolic link points (relative to its folder); null for a file.</summary>
    public string? LinkTarget { get; }

    public bool IsSymbolicLink => LinkTarget is not null;

    /// <summary>Mode 0755 instead of 0644.</summary>
    public bool Executable { get; }

    /// <summary>
    /// The build prefix written in this (text) file, declared in <c>paths.json</c> with <c>file_mode: text</c> so that conda
    /// replaces it with the prefix of the env on install; null when the file holds no prefix.
    /// </summary>
    public string? PrefixPlaceholder { get; }

    /// <summary>A UTF-8 text file; line ends are kept as given.</summary>
    public static CondaPackageFile Text(string path, string text, bool executable = false, string? prefixPlaceholder = null) =>
        new(path, Encoding.UTF8.GetBytes(text), null, executable, prefixPlaceholder);

    public static CondaPackageFile Bytes(string path, byte[] content, bool executable = false, string? prefixPlaceholder = null) =>
        new(path, content, null, executable, prefixPlaceholder);

    /// <param name="target">A relative target, e.g. <c>python3.11</c> for <c>bin/python3</c>.</param>
    public static CondaPackageFile SymbolicLink(string path, string target)
    {
        if (string.IsNullOrEmpty(target) || target.StartsWith('/') || target.Contains('\\'))
        {
            throw new ArgumentException($"'{target}' is not a relative link target.", nameof(target));
        }

        return new CondaPackageFile(path, [], target, executable: false, prefixPlaceholder: null);
    }

    /// <summary>A metadata file, <c>info/&lt;name&gt;</c>, which no payload entry may be.</summary>
    internal static CondaPackageFile InfoFile(string name, byte[] content) =>
        new("info/" + name, content, null, executable: false, prefixPlaceholder: null, isInfo: true);

    private static bool IsInvalidPayloadPath(string path) =>
        string.IsNullOrEmpty(path) || path.StartsWith('/') || path.Contains('\\') || path.EndsWith('/')
        || path.Split('/').Any(part => part is "" or "." or "..") || path.StartsWith("info/", StringComparison.Ordinal);

    public override string ToString() => IsSymbolicLink ? $"{Path} -> {LinkTarget}" : Path;
}
