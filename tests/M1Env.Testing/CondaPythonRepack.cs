using System.Text;

namespace M1Env.Testing;

/// <summary>
/// Turns a <see cref="RelocatablePython"/> into the specs of two conda packages: <c>python</c> for this machine's subdir
/// (the interpreter, its shared libraries and the standard library, with ensurepip) and <c>pip</c> as
/// <c>noarch: python</c> (pip and its dist-info from the install's site-packages); which files, says
/// <see cref="PythonInstallFiles"/>.
/// </summary>
public static class CondaPythonRepack
{
    /// <summary>The build string of the python package.</summary>
    public const string PythonBuild = "h0_0";

    /// <summary>The build string of the pip package.</summary>
    public const string PipBuild = "py_0";

    /// <summary>
    /// The python package. Text files that hold the build prefix (<c>_sysconfigdata</c>) declare it as their text
    /// placeholder, so conda writes the env's prefix there; ELF files get a relative RUNPATH.
    /// </summary>
    public static CondaPackageSpec Python(RelocatablePython python) =>
        new("python", python.Version)
        {
            Build = PythonBuild,
            Noarch = CondaNoarch.None,
            License = "Python-2.0",
            Files = PythonInstallFiles.Interpreter(python).Select(file => ToPackageFile(python, file, file.Path)).ToArray(),
        };

    /// <summary>The pip package: <c>site-packages/pip/</c> and its dist-info, with pip's console scripts as entry points.</summary>
    /// <exception cref="InvalidOperationException">The install's site-packages holds no pip.</exception>
    public static CondaPackageSpec Pip(RelocatablePython python)
    {
        var pip = PythonInstallFiles.Pip(python);
        var files = pip.Files
            .Select(file => ToPackageFile(python, file, "site-packages/" + file.Path[(pip.SitePackages.Length + 1)..]))
            .ToArray();
        var entryPointsFile = Path.Combine(pip.DistInfoFolder, "entry_points.txt");
        return new CondaPackageSpec("pip", pip.Version)
        {
            Build = PipBuild,
            Noarch = CondaNoarch.Python,
            Depends = ["python >=3.7"],
            Files = files,
            EntryPoints = File.Exists(entryPointsFile) ? ConsoleScripts(File.ReadAllLines(entryPointsFile)) : [],
        };
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

    private static CondaPackageFile ToPackageFile(RelocatablePython python, PythonInstallFile file, string packagePath)
    {
        if (file.LinkTarget is { } target)
        {
            return CondaPackageFile.SymbolicLink(packagePath, target);
        }

        var placeholder = IsText(file.Content) && file.Content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(python.BuildPrefix)) >= 0
            ? python.BuildPrefix
            : null;
        return CondaPackageFile.Bytes(packagePath, file.Content, file.Executable, placeholder);
    }

    private static bool IsText(byte[] content) => content.AsSpan().IndexOf((byte)0) < 0;
}
