namespace M1Env.Testing;

/// <summary>
/// Which files of a <see cref="RelocatablePython"/> make a working python elsewhere, as every repack of it takes them
/// (<see cref="CondaPythonRepack"/>, <see cref="PythonBuildStandaloneArchive"/>): the interpreter
/// (<c>bin/python3.11</c>, <c>python3</c>, <c>python</c>), the shared libpython and the standard library with ensurepip;
/// pip apart. Left out: site-packages, <c>test/</c>, idlelib, tkinter, turtledemo, <c>__pycache__</c>, static libraries,
/// headers, the config-* folder, pkgconfig, man pages and every other script of bin/.
/// </summary>
public static class PythonInstallFiles
{
    private static readonly HashSet<string> LeftOutStandardLibraryFolders =
        new(["test", "idlelib", "tkinter", "turtledemo", "site-packages", "__pycache__"], StringComparer.Ordinal);

    /// <summary>
    /// The interpreter, its shared libraries and the standard library, plus site-packages' README.txt (so the folder
    /// exists); paths relative to the prefix.
    /// </summary>
    public static IReadOnlyList<PythonInstallFile> Interpreter(RelocatablePython python)
    {
        var files = new List<PythonInstallFile>();
        foreach (var name in new[] { "python" + python.ShortVersion, "python3", "python" })
        {
            if (FromDisk(python, $"bin/{name}") is { } entry)
            {
                files.Add(entry);
            }
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(Path.Combine(python.Prefix, "lib"), "libpython*").Order(StringComparer.Ordinal))
        {
            if (!path.EndsWith(".a", StringComparison.Ordinal) && FromDisk(python, "lib/" + Path.GetFileName(path)) is { } entry)
            {
                files.Add(entry);
            }
        }

        files.AddRange(Tree(python, python.StandardLibraryPath, IsLeftOut));
        if (FromDisk(python, $"{python.StandardLibraryPath}/site-packages/README.txt") is { } readme)
        {
            files.Add(readme);
        }

        return files;

        static bool IsLeftOut(string relative, bool isDirectory) =>
            isDirectory
                ? LeftOutStandardLibraryFolders.Contains(Path.GetFileName(relative))
                    || (!relative.Contains('/') && relative.StartsWith("config-", StringComparison.Ordinal))
                : relative.EndsWith(".pyc", StringComparison.Ordinal) || relative.EndsWith(".a", StringComparison.Ordinal);
    }

    /// <summary>pip as the install's site-packages holds it: <c>pip/</c> and its dist-info, without compiled files.</summary>
    /// <exception cref="InvalidOperationException">The install's site-packages holds no pip.</exception>
    public static PythonInstallPip Pip(RelocatablePython python)
    {
        var sitePackages = $"{python.StandardLibraryPath}/site-packages";
        var onDisk = Path.Combine(python.Prefix, sitePackages);
        var distInfo = Directory.Exists(onDisk)
            ? Directory.EnumerateDirectories(onDisk, "pip-*.dist-info").Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (distInfo is null || !Directory.Exists(Path.Combine(onDisk, "pip")))
        {
            throw new InvalidOperationException($"{onDisk} holds no pip with its dist-info to repack.");
        }

        var distInfoName = Path.GetFileName(distInfo);
        var files = Tree(python, sitePackages + "/pip", NotCompiled)
            .Concat(Tree(python, sitePackages + "/" + distInfoName, NotCompiled))
            .ToArray();
        return new PythonInstallPip(distInfoName["pip-".Length..^".dist-info".Length], sitePackages, distInfo, files);

        static bool NotCompiled(string relative, bool isDirectory) =>
            isDirectory ? Path.GetFileName(relative) == "__pycache__" : relative.EndsWith(".pyc", StringComparison.Ordinal);
    }

    /// <param name="folder">Relative to the prefix.</param>
    /// <param name="isLeftOut">Given a path relative to <paramref name="folder"/> and whether it is a folder.</param>
    private static IEnumerable<PythonInstallFile> Tree(RelocatablePython python, string folder, Func<string, bool, bool> isLeftOut)
    {
        var root = Path.Combine(python.Prefix, folder);
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                var isDirectory = new FileInfo(path).LinkTarget is null && Directory.Exists(path);
                if (isLeftOut(relative, isDirectory))
                {
                    continue;
                }

                if (isDirectory)
                {
                    pending.Push(path);
                }
                else if (FromDisk(python, folder + "/" + relative) is { } entry)
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>A file or relative link of the install; null when it is missing or a link by absolute path.</summary>
    private static PythonInstallFile? FromDisk(RelocatablePython python, string path)
    {
        var info = new FileInfo(Path.Combine(python.Prefix, path));
        if (info.LinkTarget is { } target)
        {
            return Path.IsPathRooted(target) ? null : new PythonInstallFile(path, [], target, Executable: false);
        }

        if (!info.Exists)
        {
            return null;
        }

        var content = ElfRunpath.MakeRelative(File.ReadAllBytes(info.FullName), path, python.BuildPrefix);
        var executable = !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
        return new PythonInstallFile(path, content, LinkTarget: null, executable);
    }
}
