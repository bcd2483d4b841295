using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging.Versions;
using Tomlyn;
using Tomlyn.Model;

namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// Reads and validates a <c>pylock.toml</c> (PEP 751), written by M1Env or another tool. Every problem is an
/// <see cref="M1EnvException"/> with <see cref="ErrorCodes.LockFileInvalid"/> naming the file and the key; no
/// parser exception escapes.
/// </summary>
/// <remarks>
/// A lock-version with another major version is refused, as PEP 751 requires; a newer minor version is read
/// (the caller may warn: <see cref="PyLock.LockVersion"/>). Only what installing needs is kept: VCS, directory
/// and archive sources, attestations and <c>[packages.tool]</c> are not modelled, and a package that has only
/// those is refused, since M1Env installs files by hash. Every file needs a <c>sha256</c> hash, which pip's
/// <c>--require-hashes</c> checks.
/// </remarks>
public static class PyLockReader
{
    private const int SupportedMajorVersion = 1;

    /// <exception cref="M1EnvException"><see cref="ErrorCodes.LockFileInvalid"/>, or <see cref="ErrorCodes.FileSystemError"/> when unreadable.</exception>
    public static PyLock Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new M1EnvException(ErrorCodes.FileSystemError, $"Could not read the lock file {path}: {e.Message}", inner: e);
        }

        return Parse(text, path);
    }

    /// <param name="file">The file the text came from, for messages.</param>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.LockFileInvalid"/>.</exception>
    public static PyLock Parse(string text, string file)
    {
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { SourceName = file })
                ?? throw new TomlException("the document is empty");
        }
        catch (Exception e) when (e is TomlException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new M1EnvException(ErrorCodes.LockFileInvalid, $"The lock file {file} is not valid TOML: {e.Message}", inner: e);
        }

        return ReadLock(new TomlFields(root, file, string.Empty));
    }

    private static PyLock ReadLock(TomlFields fields)
    {
        var lockVersion = fields.RequiredString(PyLockKeys.LockVersion);
        CheckLockVersion(fields, lockVersion);
        var createdBy = fields.RequiredString(PyLockKeys.CreatedBy);
        if (!fields.Has(PyLockKeys.Packages))
        {
            throw fields.Missing(PyLockKeys.Packages);
        }

        return new PyLock(
            fields.Strings(PyLockKeys.Environments),
            fields.OptionalString(PyLockKeys.RequiresPython),
            fields.Tables(PyLockKeys.Packages).Select(ReadPackage).ToArray(),
            ReadM1EnvTool(fields))
        {
            LockVersion = lockVersion,
            CreatedBy = createdBy,
            Extras = fields.Strings(PyLockKeys.Extras),
            DependencyGroups = fields.Strings(PyLockKeys.DependencyGroups),
            DefaultGroups = fields.Strings(PyLockKeys.DefaultGroups),
        };
    }

    private static void CheckLockVersion(TomlFields fields, string lockVersion)
    {
        if (!Pep440Version.TryParse(lockVersion, out var version) || version.Release.Count != 2)
        {
            throw fields.Invalid($"lock-version '{lockVersion}' is not a MAJOR.MINOR version");
        }

        if (version.Release[0] != SupportedMajorVersion)
        {
            throw fields.Invalid(
                $"lock-version {lockVersion} is not supported: M1Env reads lock-version {SupportedMajorVersion}.x ({PyLock.CurrentLockVersion})");
        }
    }

    private static PyLockPackage ReadPackage(TomlFields fields)
    {
        var name = fields.RequiredString(PyLockKeys.Name);
        var wheels = fields.Tables(PyLockKeys.Wheels).Select(ReadArtifact).ToArray();
        var sdist = fields.OptionalTable(PyLockKeys.Sdist) is { } sdistFields ? ReadArtifact(sdistFields) : null;
        if (wheels.Length == 0 && sdist is null)
        {
            throw fields.Invalid(
                $"'{fields.Where}' ({name}) has no wheels and no sdist; M1Env installs only files with hashes, not vcs, directory or archive sources");
        }

        return new PyLockPackage(name, fields.OptionalString(PyLockKeys.Version), wheels)
        {
            Marker = fields.OptionalString(PyLockKeys.Marker),
            RequiresPython = fields.OptionalString(PyLockKeys.RequiresPython),
            Dependencies = fields.Has(PyLockKeys.Dependencies)
                ? fields.Tables(PyLockKeys.Dependencies)
                    .Select(d => new PyLockDependency(d.RequiredString(PyLockKeys.Name), d.OptionalString(PyLockKeys.Version)))
                    .ToArray()
                : null,
            Index = fields.OptionalString(PyLockKeys.Index),
            Sdist = sdist,
        };
    }

    private static PyLockArtifact ReadArtifact(TomlFields fields)
    {
        var url = fields.OptionalString(PyLockKeys.Url);
        var path = fields.OptionalString(PyLockKeys.Path);
        if (url is null && path is null)
        {
            throw fields.Missing(PyLockKeys.Url);
        }

        var hashes = fields.RequiredTable(PyLockKeys.Hashes);
        var sha256 = hashes.OptionalString(PyLockKeys.Sha256) ?? throw hashes.Invalid(
            $"'{hashes.Where}{PyLockKeys.Sha256}' is missing: M1Env installs with pip --require-hashes, which needs a sha256 hash");
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            throw hashes.Invalid($"'{hashes.Where}{PyLockKeys.Sha256}' is not 64 hexadecimal digits");
        }

        // PEP 751 lets the name be left out when it is the last part of the URL or path.
        var fileName = fields.OptionalString(PyLockKeys.Name) ?? LastSegment(url ?? path!);
        return new PyLockArtifact(
            fileName,
            url,
            sha256.ToLowerInvariant(),
            fields.OptionalInteger(PyLockKeys.Size),
            fields.OptionalDateTime(PyLockKeys.UploadTime),
            path);
    }

    private static PyLockM1EnvTool? ReadM1EnvTool(TomlFields fields)
    {
        if (fields.OptionalTable(PyLockKeys.Tool)?.OptionalTable(PyLockKeys.M1Env) is not { } tool)
        {
            return null;
        }

        return new PyLockM1EnvTool(
            tool.RequiredString(PyLockKeys.Env),
            tool.Strings(PyLockKeys.Requirements),
            tool.Strings(PyLockKeys.Platforms));
    }

    private static string LastSegment(string location)
    {
        var withoutQuery = location.Split('?', '#')[0].TrimEnd('/');
        return Uri.UnescapeDataString(withoutQuery[(withoutQuery.LastIndexOfAny(['/', '\\']) + 1)..]);
    }
}
