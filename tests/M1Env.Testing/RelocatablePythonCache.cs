using System.Security.Cryptography;
using System.Text;

namespace M1Env.Testing;

/// <summary>
/// What the repacks of a <see cref="RelocatablePython"/> cached under the temp folder share: which install they take,
/// and the key of its cache folder.
/// </summary>
internal static class RelocatablePythonCache
{
    /// <summary>The full path of <paramref name="sourcePrefix"/>, or of the newest pyenv 3.11 when null.</summary>
    /// <param name="product">What the install is repacked into, for the message.</param>
    /// <exception cref="InvalidOperationException">There is no such install.</exception>
    public static string ResolvePrefix(string? sourcePrefix, string product)
    {
        var prefix = sourcePrefix ?? RelocatablePython.FindPyenvPrefix()
            ?? throw new InvalidOperationException(
                $"No relocatable CPython 3.11 to repack into {product}: none under $PYENV_ROOT/versions or ~/.pyenv/versions. " +
                "Install one (pyenv install 3.11) or pass its prefix.");
        return Path.GetFullPath(prefix).TrimEnd('/');
    }

    /// <summary>A hash of the format version, the install's path and the modification times of what gets repacked.</summary>
    /// <param name="formatVersion">Raised by a repack when what it writes changes, so older cached copies are not taken.</param>
    public static string Key(string prefix, int formatVersion)
    {
        var text = new StringBuilder().Append(formatVersion).Append('\n').Append(prefix).Append('\n');
        var bin = Path.Combine(prefix, "bin");
        var lib = Path.Combine(prefix, "lib");
        var watched = new[] { bin, lib }
            .Concat(Matching(lib, "python3.*", directories: true).SelectMany(stdlib => new[] { stdlib, Path.Combine(stdlib, "site-packages") }))
            .Concat(Matching(lib, "libpython*", directories: false))
            .Concat(Matching(bin, "python3*", directories: false));
        foreach (var path in watched)
        {
            text.Append(path).Append('=').Append(File.GetLastWriteTimeUtc(path).Ticks).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];

        static IEnumerable<string> Matching(string folder, string pattern, bool directories) =>
            !Directory.Exists(folder) ? []
            : (directories ? Directory.EnumerateDirectories(folder, pattern) : Directory.EnumerateFiles(folder, pattern))
                .Order(StringComparer.Ordinal);
    }
}
