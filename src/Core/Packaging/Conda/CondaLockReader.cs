using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// Reads a conda lock file written by <see cref="CondaLockWriter"/>. Anything it cannot trust, a
/// missing header or <c>@EXPLICIT</c>, a package line that is no package URL with its MD5, a bad
/// hash, a name twice, credentials, is an <see cref="ErrorCodes.LockFileInvalid"/> error naming the line.
/// </summary>
public static class CondaLockReader
{
    /// <param name="text">The file's text; <c>\r\n</c> line ends (a Windows checkout) read the same as <c>\n</c>.</param>
    /// <param name="source">The file's path, for messages.</param>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.LockFileInvalid"/>.</exception>
    public static CondaLock Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = ReadHeader(lines, source);
        var packages = ReadPackages(lines, header.ExplicitAt < 0 ? lines.Length : header.ExplicitAt, source);
        if (header.EnvName is null || header.Subdir is null)
        {
            throw Invalid(source, null, $"it lacks its header ('{CondaLockFormat.TitlePrefix}NAME'' and '{CondaLockFormat.PlatformPrefix}SUBDIR'); it was not written by M1Env");
        }

        if (header.ExplicitAt < 0)
        {
            throw Invalid(source, null, $"it has no {CondaLockFormat.Explicit} line");
        }

        return new CondaLock(header.EnvName, header.Subdir, header.Declared, packages);
    }

    /// <summary>The comments before <c>@EXPLICIT</c>: the env's name, its subdir and the declared specs; <c>ExplicitAt</c> is the line number of <c>@EXPLICIT</c>, -1 without one.</summary>
    private static (string? EnvName, string? Subdir, List<string> Declared, int ExplicitAt) ReadHeader(string[] lines, string source)
    {
        string? envName = null;
        string? subdir = null;
        var declared = new List<string>();
        var inDeclared = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            if (line == CondaLockFormat.Explicit)
            {
                return (envName, subdir, declared, i + 1);
            }

            if (line.StartsWith(CondaLockFormat.TitlePrefix, StringComparison.Ordinal) && line.EndsWith('\'') && envName is null)
            {
                envName = line[CondaLockFormat.TitlePrefix.Length..^1];
            }
            else if (line.StartsWith(CondaLockFormat.PlatformPrefix, StringComparison.Ordinal) && subdir is null)
            {
                subdir = line[CondaLockFormat.PlatformPrefix.Length..].Trim();
            }
            else if (line == CondaLockFormat.DeclaredLine)
            {
                inDeclared = true;
                continue;
            }
            else if (inDeclared && line.StartsWith(CondaLockFormat.DeclaredItemPrefix, StringComparison.Ordinal))
            {
                declared.Add(line[CondaLockFormat.DeclaredItemPrefix.Length..].Trim());
                continue;
            }
            else if (!line.StartsWith('#'))
            {
                throw Invalid(source, i + 1, $"'{Shorten(line)}' comes before {CondaLockFormat.Explicit}, where only comments belong");
            }

            inDeclared = false;
        }

        return (envName, subdir, declared, -1);
    }

    /// <summary>The package lines from index <paramref name="start"/> on, each with the SHA-256 line that may follow it.</summary>
    private static List<CondaLockedPackage> ReadPackages(string[] lines, int start, string source)
    {
        var packages = new List<CondaLockedPackage>();
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var number = i + 1;
            if (line.StartsWith(CondaLockFormat.Sha256Prefix, StringComparison.Ordinal))
            {
                packages[^1] = WithSha256(line, source, number, packages);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                packages.Add(Package(line, source, number, packages));
            }
        }

        return packages;
    }

    /// <summary>The last package with the SHA-256 of its following line.</summary>
    private static CondaLockedPackage WithSha256(string line, string source, int number, List<CondaLockedPackage> packages)
    {
        var sha256 = line[CondaLockFormat.Sha256Prefix.Length..].Trim();
        if (packages.Count == 0 || packages[^1].Sha256 is not null || !CondaLockFormat.IsHex(sha256, 64))
        {
            throw Invalid(source, number, packages.Count == 0 || packages[^1].Sha256 is not null
                ? "a SHA-256 line must follow the line of its package, once"
                : $"'{Shorten(sha256)}' is no SHA-256 (64 lower-case hex digits)");
        }

        return packages[^1] with { Sha256 = sha256 };
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.LockFileInvalid"/>, also when it cannot be read.</exception>
    public static CondaLock ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new M1EnvException(ErrorCodes.LockFileInvalid, $"The conda lock file {path} cannot be read: {exception.Message}", inner: exception);
        }

        return Read(text, path);
    }

    private static CondaLockedPackage Package(string line, string source, int number, List<CondaLockedPackage> packages)
    {
        var hashAt = line.LastIndexOf('#');
        var url = hashAt > 0 ? line[..hashAt] : line;
        var md5 = hashAt > 0 ? line[(hashAt + 1)..] : string.Empty;
        if (!url.Contains("://", StringComparison.Ordinal) || CondaLockFormat.DistOf(url) is not { } dist)
        {
            throw Invalid(source, number, $"'{Shorten(line)}' is no package URL (…/name-version-build.conda or .tar.bz2, then #MD5)");
        }

        if (!CondaLockFormat.IsHex(md5, 32))
        {
            throw Invalid(source, number, $"{dist.Name} {dist.Version} has no MD5 after '#' (32 lower-case hex digits), so what is downloaded could not be checked");
        }

        if (CondaLockUrl.HasCredentials(url))
        {
            throw Invalid(source, number, $"the URL of {dist.Name} holds credentials (user, password or /t/TOKEN/), which never belong in a committed file; remove them and keep them in .condarc");
        }

        if (packages.Any(p => p.Name == dist.Name))
        {
            throw Invalid(source, number, $"{dist.Name} is named twice");
        }

        return new CondaLockedPackage(dist.Name, dist.Version, dist.Build, url, md5, null);
    }

    private static M1EnvException Invalid(string source, int? line, string what) =>
        new(ErrorCodes.LockFileInvalid, UrlRedactor.Redact(
            $"The conda lock file {source} is not valid{(line is null ? string.Empty : $" (line {line})")}: {what}. Lock the env again to rewrite it."));

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
