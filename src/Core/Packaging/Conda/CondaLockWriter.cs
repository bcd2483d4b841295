using System.Text;

namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// Writes a <see cref="CondaLock"/> as its lock file (see <see cref="CondaLockFormat"/>): the same lock
/// always gives the same bytes (UTF-8 without BOM, <c>\n</c> line ends, no time stamp), so it diffs well.
/// </summary>
public static class CondaLockWriter
{
    /// <summary>The file's text. Packages keep their order (install order); declared specs are sorted; credentials are removed from URLs.</summary>
    /// <exception cref="ArgumentException">A package has no MD5 or a malformed hash, or two packages share a name.</exception>
    public static string Write(CondaLock condaLock)
    {
        ArgumentNullException.ThrowIfNull(condaLock);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line($"{CondaLockFormat.TitlePrefix}{condaLock.EnvName}'");
        Line(CondaLockFormat.PlatformPrefix + condaLock.Subdir);
        Line(CondaLockFormat.DeclaredLine);
        foreach (var spec in condaLock.DeclaredSpecs.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Line(CondaLockFormat.DeclaredItemPrefix + spec);
        }

        foreach (var note in CondaLockFormat.Notes)
        {
            Line(note);
        }

        Line(CondaLockFormat.Explicit);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in condaLock.Packages)
        {
            if (!names.Add(package.Name))
            {
                throw new ArgumentException($"The lock of '{condaLock.EnvName}' names {package.Name} twice.", nameof(condaLock));
            }

            var md5 = package.Md5.ToLowerInvariant();
            if (!CondaLockFormat.IsHex(md5, 32))
            {
                throw new ArgumentException($"{package.DistName} has no MD5 ('{package.Md5}'): every locked package needs one.", nameof(condaLock));
            }

            Line($"{CondaLockUrl.WithoutCredentials(package.Url)}#{md5}");
            if (package.Sha256 is { Length: > 0 } sha256)
            {
                sha256 = sha256.ToLowerInvariant();
                if (!CondaLockFormat.IsHex(sha256, 64))
                {
                    throw new ArgumentException($"{package.DistName} has a malformed SHA-256 ('{package.Sha256}').", nameof(condaLock));
                }

                Line(CondaLockFormat.Sha256Prefix + sha256);
            }
        }

        return text.ToString();
    }

    /// <summary>Writes the file (UTF-8, no BOM); leaves it untouched when it already holds exactly these bytes.</summary>
    /// <returns>True when the file was written, false when it was already current.</returns>
    public static bool WriteFile(CondaLock condaLock, string path)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Write(condaLock));
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        // Written beside it and moved in, so a reader never sees half a lock.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
