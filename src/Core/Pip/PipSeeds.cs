using System.Security.Cryptography;
using System.Runtime.Versioning;
using System.Text;
using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.Paths;

namespace M1Env.Core.Pip;

/// <summary>
/// Installed copies of an interpreter's bundled pip, kept in <c>M1EnvToolsDir/pip-seeds</c>: one per
/// pip wheel and Python version. The first env made without pip gets pip from the wheel (a pip run
/// that byte-compiles all of pip, most of a fresh env's time); its installed pip is then kept here, and
/// every later env gets a copy of it, RECORD, byte code and console scripts included, in a fraction of
/// that time. The copy is what pip itself would have installed: only the scripts' first lines (the
/// env's interpreter) and their RECORD lines differ. POSIX only: a Windows env's scripts are
/// launchers with the interpreter's path inside, so a Windows env keeps getting pip from the wheel.
/// </summary>
public sealed class PipSeeds(string toolsDirectory, IProvisionLog log)
{
    private const string CompleteMarker = "seed.complete";

    private static readonly string ScriptsFolder = "bin" + Path.DirectorySeparatorChar;

    public string Root => Path.Combine(toolsDirectory, "pip-seeds");

    /// <summary>Whether seeds can be used on this system at all.</summary>
    [UnsupportedOSPlatformGuard("windows")]
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>The seed folder of a wheel for a Python version (it may not exist yet).</summary>
    public string FolderFor(string wheel, Version python)
    {
        var identity = SHA256.HashData(Encoding.UTF8.GetBytes(PathIdentity.RealPath(wheel)));
        return Path.Combine(Root, $"{Path.GetFileNameWithoutExtension(wheel)}-py{python.Major}.{python.Minor}-{Convert.ToHexString(identity, 0, 4).ToLowerInvariant()}");
    }

    /// <summary>Whether a seed of <paramref name="wheel"/> for this Python is kept.</summary>
    public bool Has(string wheel, Version python) => Supported && File.Exists(Path.Combine(FolderFor(wheel, python), CompleteMarker));

    /// <summary>
    /// Gives a venv made without pip the kept pip of <paramref name="wheel"/>. False when there is no
    /// seed yet, or it could not be copied (then the env is left without pip, as it was, and the seed is dropped).
    /// </summary>
    /// <param name="sitePackages">The env's site-packages folder.</param>
    /// <param name="envPython">The env's interpreter, written into the scripts.</param>
    public bool TryPlant(string wheel, Version python, string prefix, string sitePackages, string envPython)
    {
        var seed = FolderFor(wheel, python);
        if (!Supported || !Has(wheel, python))
        {
            return false;
        }

        var planted = new List<string>();
        try
        {
            var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var source in Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(seed, source);
                if (relative == CompleteMarker)
                {
                    continue;
                }

                var target = Path.Combine(prefix, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                planted.Add(target);
                if (relative.StartsWith(ScriptsFolder, StringComparison.Ordinal))
                {
                    var script = ConsoleScript.Launch(envPython) + File.ReadAllText(source);
                    File.WriteAllText(target, script);
                    File.SetUnixFileMode(target, File.GetUnixFileMode(source));
                    scripts[relative] = script;
                }
                else
                {
                    // A link shares the file and its time, so the byte code stays valid for its source.
                    // pip and Python replace files rather than write into them, so the envs never change the seed.
                    HardLink.LinkOrCopy(source, target);
                }
            }

            RewriteRecord(Path.Combine(sitePackages, $"pip-{PipVersion(wheel)}.dist-info", "RECORD"), prefix, sitePackages, scripts);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Warning(ErrorCodes.FileSystemError, $"The kept copy of pip in {seed} could not be copied into {prefix} ({exception.Message}); pip is installed from its wheel instead, and the copy is made again.");
            foreach (var file in planted)
            {
                Leftovers.DeleteFile(file);
            }

            Leftovers.DeleteFolder(seed);
            return false;
        }
    }

    /// <summary>
    /// Keeps the pip just installed into an env from <paramref name="wheel"/>, for the next env; does
    /// nothing when a seed is already kept or the env's pip is not that wheel's. Written aside and
    /// renamed into place, so a kept seed is always whole and two builds can race for it.
    /// </summary>
    public void Keep(string wheel, Version python, string prefix, string sitePackages)
    {
        var seed = FolderFor(wheel, python);
        var version = PipVersion(wheel);
        var record = Path.Combine(sitePackages, $"pip-{version}.dist-info", "RECORD");
        if (!Supported || Directory.Exists(seed) || !File.Exists(record))
        {
            return;
        }

        var scratch = $"{seed}.{Guid.NewGuid():N}.partial";
        try
        {
            var root = Path.GetFullPath(prefix) + Path.DirectorySeparatorChar;
            var files = File.ReadLines(record)
                .Select(line => RecordLine.Path(line))
                .Where(path => path.Length > 0)
                .Select(path => Path.GetFullPath(Path.Combine(sitePackages, path)))
                .ToArray();
            if (files.Any(file => !file.StartsWith(root, StringComparison.Ordinal)))
            {
                return;
            }

            foreach (var file in files.Where(File.Exists))
            {
                var relative = Path.GetRelativePath(root, file);
                var target = Path.Combine(scratch, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (relative.StartsWith(ScriptsFolder, StringComparison.Ordinal))
                {
                    File.WriteAllText(target, ConsoleScript.Body(File.ReadAllText(file)));
                    File.SetUnixFileMode(target, File.GetUnixFileMode(file));
                }
                else
                {
                    // pip and Python replace an env's files rather than write into them, so linking them is as safe as copying.
                    HardLink.LinkOrCopy(file, target);
                }
            }

            File.WriteAllText(Path.Combine(scratch, CompleteMarker), $"{wheel}\n");
            Directory.Move(scratch, seed);
            log.Detail($"Kept the installed pip {version} in {seed} for the next environments of Python {python.Major}.{python.Minor}.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another build kept it first, or the tools folder is not writable: the env is fine either way.
            log.Detail($"pip was not kept in {seed}: {exception.Message}");
        }
        finally
        {
            Leftovers.DeleteFolder(scratch);
        }
    }

    /// <summary>The scripts' RECORD lines, with the hash and size of the scripts as written for this env.</summary>
    private static void RewriteRecord(string record, string prefix, string sitePackages, IReadOnlyDictionary<string, string> scripts)
    {
        var lines = File.ReadAllLines(record).Select(line =>
        {
            var path = RecordLine.Path(line);
            var relative = path.Length == 0 ? null : Path.GetRelativePath(prefix, Path.GetFullPath(Path.Combine(sitePackages, path)));
            return relative is not null && scripts.TryGetValue(relative, out var script) ? RecordLine.For(path, Encoding.UTF8.GetBytes(script)) : line;
        }).ToArray();
        // Replaced, not written into: the RECORD is a link to the seed's.
        var rewritten = record + ".m1env";
        File.WriteAllText(rewritten, string.Join("\n", lines) + "\n");
        File.Move(rewritten, record, overwrite: true);
    }

    /// <summary>The version in a wheel's name (<c>pip-23.2.1-py3-none-any.whl</c>).</summary>
    private static string PipVersion(string wheel) => Path.GetFileNameWithoutExtension(wheel).Split('-')[1];
}
