using System.Formats.Tar;
using System.IO.Compression;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Python.Managed;

/// <summary>
/// Unpacks a python-build-standalone <c>install_only</c> archive (a .tar.gz whose members all lie
/// under <c>python/</c>) into a folder, without that first level. Members that would land outside
/// the folder (absolute names, <c>..</c>, links pointing out) are refused, as are archives that hold
/// no interpreter.
/// </summary>
internal static class InstallOnlyArchive
{
    private const string TopFolder = "python/";

    /// <exception cref="M1EnvException"><see cref="ErrorCodes.ManagedPythonInstallFailed"/>: not such an archive.</exception>
    public static void Unpack(string archive, string destination, string platform)
    {
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                var name = entry.Name.Replace('\\', '/');
                if (name is "python" or TopFolder || entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                if (!name.StartsWith(TopFolder, StringComparison.Ordinal))
                {
                    throw NotInstallOnly(archive, $"its member '{entry.Name}' lies outside python/");
                }

                Extract(entry, Inside(root, name[TopFolder.Length..], archive), root, archive);
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw NotInstallOnly(archive, "it is not a whole gzip-compressed tar file: " + exception.Message, exception);
        }

        if (!File.Exists(ManagedPythonLayout.Executable(destination, platform)))
        {
            throw NotInstallOnly(archive, $"it holds no {Path.GetRelativePath(destination, ManagedPythonLayout.Executable(destination, platform)).Replace('\\', '/')} under python/");
        }
    }

    private static void Extract(TarEntry entry, string target, string root, string archive)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Directory.CreateDirectory(target);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target, overwrite: true);
                break;
            case TarEntryType.SymbolicLink:
                var pointsTo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(target)!, entry.LinkName));
                if (Path.IsPathRooted(entry.LinkName) || !pointsTo.StartsWith(root, StringComparison.Ordinal))
                {
                    throw NotInstallOnly(archive, $"its link '{entry.Name}' points outside the build, to '{entry.LinkName}'");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.CreateSymbolicLink(target, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                var linkName = entry.LinkName.Replace('\\', '/');
                var source = linkName.StartsWith(TopFolder, StringComparison.Ordinal) ? Inside(root, linkName[TopFolder.Length..], archive) : null;
                if (source is null || !File.Exists(source))
                {
                    throw NotInstallOnly(archive, $"its hard link '{entry.Name}' names '{entry.LinkName}', which is not a file before it in the archive");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, overwrite: true);
                break;
            default:
                // Extended headers are read by TarReader itself; devices and fifos have no place in a Python build.
                break;
        }
    }

    private static string Inside(string root, string relative, string archive)
    {
        var target = Path.GetFullPath(Path.Combine(root, relative));
        if (Path.IsPathRooted(relative) || !(target + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
        {
            throw NotInstallOnly(archive, $"its member 'python/{relative}' would land outside the build's folder");
        }

        return target;
    }

    private static M1EnvException NotInstallOnly(string archive, string reason, Exception? inner = null) =>
        new(ErrorCodes.ManagedPythonInstallFailed,
            $"{Path.GetFileName(archive)} is not a python-build-standalone install_only archive: {reason}. Nothing was installed.",
            inner: inner);
}
