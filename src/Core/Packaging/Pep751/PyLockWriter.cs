using System.Text;
using M1Env.Core.Infrastructure.Errors;
using Tomlyn.Syntax;

namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// Writes a <see cref="PyLock"/> as <c>pylock.toml</c> (PEP 751), deterministically: the same lock gives the same
/// bytes. Keys come in the order PEP 751 lists them, packages sorted by name, version and marker, wheels by file
/// name; UTF-8 without BOM, <c>\n</c> line endings, a final newline and no timestamp of its own.
/// </summary>
/// <remarks>
/// The file is emitted through Tomlyn's syntax tree: its model serializer moves <c>[tool]</c> before
/// <c>[[packages]]</c> and <c>[packages.sdist]</c> before the wheels, and leaves no blank line between tables.
/// Every URL passes through <see cref="PrivateHosts.Sanitize"/>, so no credential or private host enters the file.
/// </remarks>
public static class PyLockWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="privateHosts">Hosts from <c>M1EnvLockPrivateHosts</c>, written as placeholders (see <see cref="PrivateHosts"/>).</param>
    public static string Write(PyLock lockFile, IEnumerable<string>? privateHosts = null)
    {
        var hosts = privateHosts?.ToArray() ?? [];
        var document = new DocumentSyntax();
        AddHeader(document, lockFile);
        foreach (var package in PyLockOrder.Packages(lockFile.Packages))
        {
            AddPackage(document, package, hosts);
        }

        if (lockFile.M1Env is { } tool)
        {
            var table = Table(new TableSyntax(new KeySyntax(PyLockKeys.Tool, PyLockKeys.M1Env)));
            table.Items.Add(TomlSyntax.String(PyLockKeys.Env, tool.Env));
            table.Items.Add(TomlSyntax.Strings(PyLockKeys.Requirements, PyLockOrder.Strings(tool.Requirements)));
            table.Items.Add(TomlSyntax.Strings(PyLockKeys.Platforms, PyLockOrder.Strings(tool.Platforms)));
            document.Tables.Add(table);
        }

        UseLineFeeds(document);
        using var writer = new StringWriter { NewLine = "\n" };
        document.WriteTo(writer);
        return writer.ToString();
    }

    public static byte[] WriteBytes(PyLock lockFile, IEnumerable<string>? privateHosts = null) =>
        Utf8NoBom.GetBytes(Write(lockFile, privateHosts));

    /// <summary>Writes the file, leaving it untouched when its bytes would not change (so its time stamp keeps meaning something).</summary>
    /// <returns>The written bytes, for <see cref="PyLock.ContentHash"/>.</returns>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.FileSystemError"/> when the file cannot be written.</exception>
    public static byte[] WriteFile(string path, PyLock lockFile, IEnumerable<string>? privateHosts = null)
    {
        var bytes = WriteBytes(lockFile, privateHosts);
        try
        {
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                File.WriteAllBytes(path, bytes);
            }

            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new M1EnvException(ErrorCodes.FileSystemError, $"Could not write the lock file {path}: {e.Message}", inner: e);
        }
    }

    private static void AddHeader(DocumentSyntax document, PyLock lockFile)
    {
        var items = document.KeyValues;
        items.Add(TomlSyntax.String(PyLockKeys.LockVersion, lockFile.LockVersion));
        if (lockFile.Environments.Count > 0)
        {
            items.Add(TomlSyntax.Strings(PyLockKeys.Environments, PyLockOrder.Strings(lockFile.Environments)));
        }

        if (lockFile.RequiresPython is { } requiresPython)
        {
            items.Add(TomlSyntax.String(PyLockKeys.RequiresPython, requiresPython));
        }

        // Written even when empty: PEP 751 asks for [] to say "no extras/groups", not "unknown".
        items.Add(TomlSyntax.Strings(PyLockKeys.Extras, PyLockOrder.Strings(lockFile.Extras)));
        items.Add(TomlSyntax.Strings(PyLockKeys.DependencyGroups, PyLockOrder.Strings(lockFile.DependencyGroups)));
        if (lockFile.DefaultGroups.Count > 0)
        {
            items.Add(TomlSyntax.Strings(PyLockKeys.DefaultGroups, PyLockOrder.Strings(lockFile.DefaultGroups)));
        }

        items.Add(TomlSyntax.String(PyLockKeys.CreatedBy, lockFile.CreatedBy));

        // PEP 751 requires the key, and with no [[packages]] table to stand for it a lock of no package says so.
        if (lockFile.Packages.Count == 0)
        {
            items.Add(TomlSyntax.Strings(PyLockKeys.Packages, []));
        }
    }

    private static void AddPackage(DocumentSyntax document, PyLockPackage package, string[] privateHosts)
    {
        var table = Table(new TableArraySyntax(new KeySyntax(PyLockKeys.Packages)));
        var items = table.Items;
        items.Add(TomlSyntax.String(PyLockKeys.Name, package.Name));
        AddIfPresent(items, PyLockKeys.Version, package.Version);
        AddIfPresent(items, PyLockKeys.Marker, package.Marker);
        AddIfPresent(items, PyLockKeys.RequiresPython, package.RequiresPython);
        if (package.Dependencies is not null)
        {
            items.Add(TomlSyntax.InlineTables(PyLockKeys.Dependencies, PyLockOrder.Dependencies(package.Dependencies).Select(Dependency)));
        }

        AddIfPresent(items, PyLockKeys.Index, package.Index is null ? null : PrivateHosts.Sanitize(package.Index, privateHosts));
        document.Tables.Add(table);

        if (package.Sdist is { } sdist)
        {
            var sdistTable = Table(new TableSyntax(new KeySyntax(PyLockKeys.Packages, PyLockKeys.Sdist)));
            AddArtifact(sdistTable.Items, sdist, privateHosts);
            document.Tables.Add(sdistTable);
        }

        foreach (var wheel in PyLockOrder.Wheels(package.Wheels))
        {
            var wheelTable = Table(new TableArraySyntax(new KeySyntax(PyLockKeys.Packages, PyLockKeys.Wheels)));
            AddArtifact(wheelTable.Items, wheel, privateHosts);
            document.Tables.Add(wheelTable);
        }
    }

    private static void AddArtifact(SyntaxList<KeyValueSyntax> items, PyLockArtifact artifact, string[] privateHosts)
    {
        items.Add(TomlSyntax.String(PyLockKeys.Name, artifact.FileName));
        if (artifact.UploadTime is { } uploadTime)
        {
            items.Add(TomlSyntax.UtcDateTime(PyLockKeys.UploadTime, uploadTime));
        }

        AddIfPresent(items, PyLockKeys.Url, artifact.Url is null ? null : PrivateHosts.Sanitize(artifact.Url, privateHosts));
        AddIfPresent(items, PyLockKeys.Path, artifact.Path);
        if (artifact.Size is { } size)
        {
            items.Add(TomlSyntax.Integer(PyLockKeys.Size, size));
        }

        items.Add(new KeyValueSyntax(PyLockKeys.Hashes, TomlSyntax.InlineTable([TomlSyntax.String(PyLockKeys.Sha256, artifact.Sha256)])));
    }

    private static InlineTableSyntax Dependency(PyLockDependency dependency)
    {
        var entries = new List<KeyValueSyntax> { TomlSyntax.String(PyLockKeys.Name, dependency.Name) };
        if (dependency.Version is { } version)
        {
            entries.Add(TomlSyntax.String(PyLockKeys.Version, version));
        }

        return TomlSyntax.InlineTable(entries);
    }

    private static void AddIfPresent(SyntaxList<KeyValueSyntax> items, string key, string? value)
    {
        if (value is not null)
        {
            items.Add(TomlSyntax.String(key, value));
        }
    }

    /// <summary>A blank line before every table header, as PEP 751's example has.</summary>
    private static T Table<T>(T table) where T : TableSyntaxBase => table.AddLeadingTriviaNewLine();

    /// <summary>Tomlyn's new-line tokens follow the platform; a lock file has <c>\n</c> everywhere.</summary>
    private static void UseLineFeeds(DocumentSyntax document)
    {
        foreach (var node in document.Tokens(true))
        {
            switch (node)
            {
                case SyntaxToken { TokenKind: TokenKind.NewLine } token:
                    token.Text = "\n";
                    break;
                case SyntaxTrivia { Kind: TokenKind.NewLine } trivia:
                    trivia.Text = "\n";
                    break;
            }
        }
    }
}
