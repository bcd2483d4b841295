using System.Text;

namespace M1Env.Testing;

/// <summary>
/// Turns a <see cref="RelocatablePython"/> into the specs of two conda packages: <c>python</c> for this machine's subdir
/// (the interpreter, its shared libraries and the standard library, with ensurepip) and <c>pip</c> as
/// <c>noarch: python</c> (pip and its dist-info from the install's site-packages). Left out: site-packages,
/// <c>test/</c>, idlelib, tkinter, turtledemo, <c>__pycache__</c>, static libraries, headers, the config-* folder,
/// pkgconfig, man pages and every other script of bin/.
/// </summary>
public static class CondaPythonRepack
{
    /// <summary>The build string of the python package.</summary>
    public const string PythonBuild = "h0_0";

    /// <summary>The build string of the pip package.</summary>
    public const string PipBuild = "py_0";

    private static readonly HashSet<string> LeftOutStandardLibraryFolders =
        new(["test", "idlelib", "tkinter", "turtledemo", "site-packages", "__pycache__"], StringComparer.Ordinal);

    /// <summary>
    /// The python package. Text files that hold the build prefix (<c>_sysconfigdata</c>) declare it as their text
    /// placeholder, so conda writes the env's prefix there; ELF files get a relative RUNPATH.
    /// </summary>
    public static CondaPackageSpec Python(RelocatablePython python)
    {
        var files = new List<CondaPackageFile>();
        var bin = Path.Combine(python.Prefix, "bin");
        foreach (var name in new[] { "python" + python.ShortVersion, "python3", "python" })
        {
            var entry = FromDisk(python, Path.Combine(bin, name), $"bin/{name}");
            if (entry is not null)
            {
                files.Add(entry);
            }
        }

        var lib = Path.Combine(python.Prefix, "lib");
        foreach (var path in Directory.EnumerateFileSystemEntries(lib, "libpython*"))
        {
            if (!path.EndsWith(".a", StringComparison.Ordinal) && FromDisk(python, path, "lib/" + Path.GetFileName(path)) is { } entry)
            {
                files.Add(entry);
            }
        }

        var standardLibrary = Path.Combine(python.Prefix, python.StandardLibraryPath);
        files.AddRange(Tree(python, standardLibrary, python.StandardLibraryPath, IsLeftOut));
        var readme = Path.Combine(standardLibrary, "site-packages", "README.txt");
        if (File.Exists(readme))
        {
            files.Add(FromDisk(python, readme, $"{python.StandardLibraryPath}/site-packages/README.txt")!);
        }

        return new CondaPackageSpec("python", python.Version)
        {
            Build = PythonBuild,
            Noarch = CondaNoarch.None,
            License = "Python-2.0",
            Files = files,
        };

        bool IsLeftOut(string relative, bool isDirectory) =>
            isDirectory
                ? LeftOutStandardLibraryFolders.Contains(Path.GetFileName(relative))
                    || (!relative.Contains('/') && relative.StartsWith("config-", StringComparison.Ordinal))
                : relative.EndsWith(".pyc", StringComparison.Ordinal) || relative.EndsWith(".a", StringComparison.Ordinal);
    }

    /// <summary>The pip package: <c>site-packages/pip/</c> and its dist-info, with pip's console scripts as entry points.</summary>
    /// <exception cref="InvalidOperationException">The install's site-packages holds no pip.</exception>
    public static CondaPackageSpec Pip(RelocatablePython python)
    {
        var sitePackages = Path.Combine(python.Prefix, python.StandardLibraryPath, "site-packages");
        var distInfo = Directory.Exists(sitePackages)
            ? Directory.EnumerateDirectories(sitePackages, "pip-*.dist-info").Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (distInfo is null || !Directory.Exists(Path.Combine(sitePackages, "pip")))
        {
            throw new InvalidOperationException($"{sitePackages} holds no pip with its dist-info to repack.");
        }

        var distInfoName = Path.GetFileName(distInfo);
        var version = distInfoName["pip-".Length..^".dist-info".Length];
        var files = Tree(python, Path.Combine(sitePackages, "pip"), "site-packages/pip", NotCompiled)
            .Concat(Tree(python, distInfo, "site-packages/" + distInfoName, NotCompiled))
            .ToArray();
        var entryPointsFile = Path.Combine(distInfo, "entry_points.txt");
        return new CondaPackageSpec("pip", version)
        {
            Build = PipBuild,
            Noarch = CondaNoarch.Python,
            Depends = ["python >=3.7"],
            Files = files,
            EntryPoints = File.Exists(entryPointsFile) ? ConsoleScripts(File.ReadAllLines(entryPointsFile)) : [],
        };

        static bool NotCompiled(string relative, bool isDirectory) =>
            isDirectory ? Path.GetFileName(relative) == "__pycache__" : relative.EndsWith(".pyc", StringComparison.Ordinal);
    }

    /// <summary>The <c>name = module:function</c> lines of the <c>[console_scripts]</c> section of an entry_points.txt.</summary>
    public static IReadOnlyList<string> ConsoleScripts(IEnumerable<string> entryPointsLines)
    {
        var scripts = new List<string>();
        var inSection = false;
        foreach (var raw in entryPointsLines)
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inSection = line == "[console_scripts]";
            }
            else if (inSection && line.Contains('=', StringComparison.Ordinal))
            {
                var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
                scripts.Add($"{parts[0]} = {parts[1]}");
            }
        }

        return scripts;
    }

    private static IEnumerable<CondaPackageFile> Tree(
        RelocatablePython python, string root, string packagePath, Func<string, bool, bool> isLeftOut)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                var info = new FileInfo(path);
                var isDirectory = info.LinkTarget is null && Directory.Exists(path);
                if (isLeftOut(relative, isDirectory))
                {
                    continue;
                }

                if (isDirectory)
                {
                    pending.Push(path);
                }
                else if (FromDisk(python, path, packagePath + "/" + relative) is { } entry)
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>A file or relative link of the install; null for a link that points outside its folder tree by absolute path.</summary>
    private static CondaPackageFile? FromDisk(RelocatablePython python, string path, string packagePath)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return Path.IsPathRooted(target) ? null : CondaPackageFile.SymbolicLink(packagePath, target);
        }

        if (!info.Exists)
        {
            return null;
        }

        var content = ElfRunpath.MakeRelative(File.ReadAllBytes(path), packagePath, python.BuildPrefix);
        var executable = !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
        var placeholder = IsText(content) && content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(python.BuildPrefix)) >= 0
            ? python.BuildPrefix
            : null;
        return CondaPackageFile.Bytes(packagePath, content, executable, placeholder);
    }

    private static bool IsText(byte[] content) => content.AsSpan().IndexOf((byte)0) < 0;
}
