using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Packaging;

namespace M1Env.Core.Cache;

/// <summary>
/// Distributions as pip installed them into one env, kept in <c>M1EnvToolsDir/installs</c> under a
/// key that names exactly what was installed (a wheel's hash and the Python version), and linked
/// into the next env that needs the same: no pip run, no unpacking, no byte-compiling. A planted
/// install is what pip itself would have installed, RECORD, byte code and console scripts included:
/// only the scripts' launchers (the env's interpreter), the facts of how this env got it (REQUESTED,
/// direct_url.json) and their RECORD lines differ, so pip lists, upgrades and uninstalls it as its own.
/// POSIX only: a Windows env's scripts are launchers with the interpreter's path inside.
/// </summary>
/// <remarks>
/// Files are put as M1EnvLinkMode says (<see cref="FileLinker"/>): clones where the file system can,
/// else hard links shared by the kept install and every env that took it. pip and Python replace an
/// env's files rather than write into them, so an upgrade or an uninstall never changes the kept
/// copy; a file edited in place through a hard link would, and planting checks each file against
/// what was kept (<see cref="KeptFile"/>) to drop a kept install that changed.
/// </remarks>
public sealed class KeptInstalls(string root, IProvisionLog log, FileLinker? linker = null)
{
    private const string ManifestName = "kept.json";

    private static readonly string ScriptsFolder = "bin" + Path.DirectorySeparatorChar;

    /// <summary>What pip writes about how this env got the distribution, which another env may not share.</summary>
    private static readonly string[] EnvOwnFiles = ["REQUESTED", "direct_url.json"];

    private readonly FileLinker linker = linker ?? new FileLinker(LinkMode.Auto, log);

    public string Root => root;

    /// <summary>Whether installs can be kept on this system at all.</summary>
    [UnsupportedOSPlatformGuard("windows")]
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>The folder of a kept install (it may not exist yet).</summary>
    public string FolderFor(string key) => Path.Combine(root, key);

    /// <summary>Whether an install is kept under <paramref name="key"/>; one found counts as used (<see cref="UseRecord"/>): the build plans with it.</summary>
    public bool Has(string key)
    {
        var found = Supported && File.Exists(Path.Combine(FolderFor(key), ManifestName));
        if (found)
        {
            UseRecord.Record(FolderFor(key));
        }

        return found;
    }

    /// <summary>
    /// Links the install kept under <paramref name="key"/> into the env. False when none is kept, the
    /// env is laid out otherwise, or it could not be planted whole: then nothing of it is left in the
    /// env, and pip installs it as usual.
    /// </summary>
    /// <param name="sitePackages">The env's site-packages folder.</param>
    /// <param name="envPython">The env's interpreter, which the console scripts launch.</param>
    /// <param name="howInstalled">What pip writes into the dist-info about how this env got it, by file name (<c>REQUESTED</c>, <c>direct_url.json</c>), written and recorded too.</param>
    public bool TryPlant(string key, string prefix, string sitePackages, string envPython, IReadOnlyDictionary<string, byte[]> howInstalled)
    {
        var folder = FolderFor(key);
        if (!Supported || ReadManifest(folder) is not { } kept || kept.SitePackages != Path.GetRelativePath(prefix, sitePackages))
        {
            return false;
        }

        var distInfo = Path.GetDirectoryName(kept.Record)!;
        var planting = new KeptInstallPlanting(prefix, distInfo);
        try
        {
            var keptFiles = kept.Files ?? throw new InvalidDataException($"{folder} was kept by an older M1Env, which did not record its files");
            var record = RecordFile.Read(Path.Combine(folder, kept.Record));
            var (scripts, sameContent) = PlantFiles(folder, kept, keptFiles, RecordEntries(record, folder, Path.Combine(folder, kept.SitePackages)), envPython, planting);
            PlantRecord(kept, RewriteRecord(record, prefix, sitePackages, scripts), prefix, sitePackages, howInstalled, planting);
            planting.Complete();
            UseRecord.Record(folder);
            if (sameContent.Count > 0)
            {
                RecordSameContent(folder, kept, keptFiles, sameContent);
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Another distribution's file is in the way, or the kept install went away: pip installs it instead.
            log.Detail($"The kept install {folder} was not linked into {prefix}: {exception.Message}");
            planting.Undo();
            if (exception is InvalidDataException)
            {
                log.Warning(ErrorCodes.FileSystemError, $"{exception.Message}; it is dropped, and kept again the next time pip installs it.");
                Leftovers.DeleteFolder(folder);
            }

            return false;
        }
    }

    /// <summary>
    /// Puts every kept file into the env: the console scripts written anew behind this env's launcher,
    /// every other file linked once checked against what was kept. Returns the scripts as written (by
    /// their path relative to the prefix) and the files found whole though their times changed.
    /// </summary>
    /// <exception cref="InvalidDataException">A kept file was changed in place.</exception>
    [UnsupportedOSPlatform("windows")]
    private (Dictionary<string, byte[]> Scripts, Dictionary<string, KeptFile> SameContent) PlantFiles(
        string folder,
        KeptInstall kept,
        IReadOnlyDictionary<string, KeptFile> keptFiles,
        Dictionary<string, (long? Size, string? Digest)> entries,
        string envPython,
        KeptInstallPlanting planting)
    {
        var sameContent = new Dictionary<string, KeptFile>(StringComparer.Ordinal);
        var links = linker.ForTree();
        var scriptPaths = kept.Scripts.ToHashSet(StringComparer.Ordinal);
        var scripts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var source in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, source);
            if (relative == ManifestName || relative == kept.Record)
            {
                continue;
            }

            var target = planting.PrepareTarget(relative);
            if (scriptPaths.Contains(relative))
            {
                scripts[relative] = PlantScript(source, target, envPython);
                planting.Planted(target);
                continue;
            }

            var entry = entries.GetValueOrDefault(relative);
            switch (KeptFile.Check(source, keptFiles.GetValueOrDefault(relative), entry.Size, entry.Digest))
            {
                case KeptFileState.Changed:
                    throw new InvalidDataException($"{source} is not the file that was kept: a file of the kept install was changed in place");
                case KeptFileState.SameContent:
                    sameContent[relative] = KeptFile.Of(source, entry.Digest);
                    break;
            }

            links.Place(source, target);
            planting.Planted(target);
        }

        return (scripts, sameContent);
    }

    /// <summary>Writes a kept console script behind the launcher of <paramref name="envPython"/>; returns what was written.</summary>
    [UnsupportedOSPlatform("windows")]
    private static byte[] PlantScript(string source, string target, string envPython)
    {
        var script = Encoding.UTF8.GetBytes(ConsoleScript.Launch(envPython)).Concat(File.ReadAllBytes(source)).ToArray();
        using (var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(script);
        }

        File.SetUnixFileMode(target, File.GetUnixFileMode(source));
        return script;
    }

    /// <summary>Writes what pip writes about how this env got the distribution, and the env's RECORD with their rows.</summary>
    private static void PlantRecord(KeptInstall kept, List<RecordEntry> record, string prefix, string sitePackages, IReadOnlyDictionary<string, byte[]> howInstalled, KeptInstallPlanting planting)
    {
        var distInfo = Path.GetDirectoryName(kept.Record)!;
        var recordFile = planting.PrepareTarget(kept.Record);
        foreach (var (name, contents) in howInstalled)
        {
            var file = planting.Target(Path.Combine(distInfo, name));
            File.WriteAllBytes(file, contents);
            planting.Planted(file);
            record.Add(RecordEntry.For(Path.GetRelativePath(sitePackages, Path.Combine(prefix, distInfo, name)).Replace(Path.DirectorySeparatorChar, '/'), contents));
        }

        planting.Planted(recordFile);
        RecordFile.Write(recordFile, record);
    }

    /// <summary>
    /// Keeps the distribution whose <paramref name="distInfo"/> folder pip just installed into an env,
    /// for the next env; does nothing when one is kept under the key already, or the install holds
    /// files outside the env or scripts that name the env otherwise than through pip's launcher.
    /// Written aside and renamed into place, so a kept install is always whole and two builds can race for it.
    /// </summary>
    /// <param name="distInfo">The <c>NAME-VERSION.dist-info</c> folder in <paramref name="sitePackages"/>.</param>
    /// <param name="envPython">The env's interpreter, which pip wrote into the console scripts' launchers.</param>
    /// <param name="sameScripts">
    /// Console scripts to keep that the env lacks, each as a copy of one it has with the same entry
    /// point (relative to the prefix): ensurepip leaves <c>bin/pip</c> out of an interpreter's own
    /// install, which a venv's pip has.
    /// </param>
    public void Keep(string key, string prefix, string sitePackages, string distInfo, string envPython, IReadOnlyDictionary<string, string>? sameScripts = null)
    {
        var folder = FolderFor(key);
        var record = Path.Combine(sitePackages, distInfo, "RECORD");
        if (!Supported || Directory.Exists(folder) || !File.Exists(record))
        {
            return;
        }

        var scratch = $"{folder}.{Guid.NewGuid():N}.partial";
        try
        {
            var root = Path.GetFullPath(prefix) + Path.DirectorySeparatorChar;
            var files = InstalledFiles(record, sitePackages, distInfo);
            if (files.Any(entry => !entry.File.StartsWith(root, StringComparison.Ordinal)))
            {
                log.Detail($"{distInfo} is not kept: it installed files outside the env.");
                return;
            }

            if (CopyFiles(files.Where(entry => entry.File != Path.GetFullPath(record)), prefix, scratch, distInfo, envPython) is not { } copied)
            {
                return;
            }

            var (scripts, keptFiles) = copied;

            var recordEntries = files.Select(entry => entry.Entry).ToList();
            AddSameScripts(sameScripts, files, root, sitePackages, scratch, scripts, recordEntries);
            var keptRecord = Path.GetRelativePath(root, Path.GetFullPath(record));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(scratch, keptRecord))!);
            RecordFile.Write(Path.Combine(scratch, keptRecord), recordEntries);
            var manifest = new KeptInstall(Path.GetRelativePath(prefix, sitePackages), keptRecord, scripts, keptFiles);
            File.WriteAllText(Path.Combine(scratch, ManifestName), JsonSerializer.Serialize(manifest, KeptInstallJsonContext.Default.KeptInstall));
            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            Directory.Move(scratch, folder);
            UseRecord.Record(folder);
            log.Detail($"Kept {distInfo} as installed in {folder} for the next environments.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another build kept it first, or the tools folder is not writable: the env is fine either way.
            log.Detail($"{distInfo} was not kept in {folder}: {exception.Message}");
        }
        finally
        {
            Leftovers.DeleteFolder(scratch);
        }
    }

    /// <summary>The rows of an installed RECORD with their files' full paths, less the files of how this env got it (<see cref="EnvOwnFiles"/>).</summary>
    private static (RecordEntry Entry, string File)[] InstalledFiles(string record, string sitePackages, string distInfo)
    {
        var envOwn = EnvOwnFiles.Select(name => Path.GetFullPath(Path.Combine(sitePackages, distInfo, name))).ToHashSet(StringComparer.Ordinal);
        return RecordFile.Read(record)
            .Select(entry => (Entry: entry, File: Path.GetFullPath(Path.Combine(sitePackages, entry.Path))))
            .Where(entry => !envOwn.Contains(entry.File))
            .ToArray();
    }

    /// <summary>
    /// Copies (links) the installed files into <paramref name="scratch"/>, the console scripts without
    /// their launcher; returns the scripts (relative to the prefix) and every other file as kept, or
    /// null when a script names the env's own path otherwise (it could not serve another env).
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private (List<string> Scripts, Dictionary<string, KeptFile> KeptFiles)? CopyFiles(IEnumerable<(RecordEntry Entry, string File)> files, string prefix, string scratch, string distInfo, string envPython)
    {
        var launch = Encoding.UTF8.GetBytes(ConsoleScript.Launch(envPython));
        var root = Path.GetFullPath(prefix) + Path.DirectorySeparatorChar;
        var prefixBytes = Encoding.UTF8.GetBytes(Path.GetFullPath(prefix));
        var scripts = new List<string>();
        var keptFiles = new Dictionary<string, KeptFile>(StringComparer.Ordinal);
        var links = linker.ForTree();
        foreach (var (entry, file) in files.Where(entry => File.Exists(entry.File)))
        {
            var relative = Path.GetRelativePath(root, file);
            var target = Path.Combine(scratch, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var script = relative.StartsWith(ScriptsFolder, StringComparison.Ordinal) ? File.ReadAllBytes(file) : null;
            if (script is not null && script.AsSpan().StartsWith(launch))
            {
                File.WriteAllBytes(target, script[launch.Length..]);
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
                scripts.Add(relative);
            }
            else if (script is not null && script.AsSpan().IndexOf(prefixBytes) >= 0)
            {
                log.Detail($"{distInfo} is not kept: {relative} names the env's own path.");
                return null;
            }
            else
            {
                links.Place(file, target);
                keptFiles[relative] = KeptFile.Of(target, entry.Sha256);
            }
        }

        return (scripts, keptFiles);
    }

    /// <summary>Adds the console scripts of <c>sameScripts</c> that the env lacks, each a copy of one kept, with its RECORD row.</summary>
    private static void AddSameScripts(
        IReadOnlyDictionary<string, string>? sameScripts,
        (RecordEntry Entry, string File)[] files,
        string root,
        string sitePackages,
        string scratch,
        List<string> scripts,
        List<RecordEntry> record)
    {
        foreach (var (script, copyOf) in sameScripts ?? new Dictionary<string, string>())
        {
            if (scripts.Contains(script) || !scripts.Contains(copyOf))
            {
                continue;
            }

            // The same body, hash and size: only the path differs, and planting rehashes a script's row anyway.
            File.Copy(Path.Combine(scratch, copyOf), Path.Combine(scratch, script));
            scripts.Add(script);
            var copied = files.First(entry => entry.File == Path.Combine(root, copyOf)).Entry;
            record.Add(copied with { Path = Path.GetRelativePath(sitePackages, Path.Combine(root, script)).Replace(Path.DirectorySeparatorChar, '/') });
        }
    }

    private static KeptInstall? ReadManifest(string folder) => JsonFile.TryRead(Path.Combine(folder, ManifestName), KeptInstallJsonContext.Default.KeptInstall);

    /// <summary>The size and digest RECORD gives each file, by its path relative to the kept folder (as relative to the env's prefix).</summary>
    private static Dictionary<string, (long? Size, string? Digest)> RecordEntries(IEnumerable<RecordEntry> record, string folder, string sitePackages)
    {
        var entries = new Dictionary<string, (long? Size, string? Digest)>(StringComparer.Ordinal);
        foreach (var entry in record)
        {
            entries[Path.GetRelativePath(folder, Path.GetFullPath(Path.Combine(sitePackages, entry.Path)))] = (entry.Bytes, entry.Sha256);
        }

        return entries;
    }

    /// <summary>
    /// Records the times of kept files found whole though their times changed (a tools folder restored
    /// from a cache), so the next env takes them without reading them. Written aside and renamed over
    /// the manifest: another build reads the old one or the new one, both true.
    /// </summary>
    private void RecordSameContent(string folder, KeptInstall kept, IReadOnlyDictionary<string, KeptFile> keptFiles, IReadOnlyDictionary<string, KeptFile> sameContent)
    {
        var files = new Dictionary<string, KeptFile>(keptFiles, StringComparer.Ordinal);
        foreach (var (relative, file) in sameContent)
        {
            files[relative] = file;
        }

        // Beside the folder, not in it: planting takes every file in it.
        var scratch = $"{folder}.{Guid.NewGuid():N}.{ManifestName}";
        try
        {
            File.WriteAllText(scratch, JsonSerializer.Serialize(kept with { Files = files }, KeptInstallJsonContext.Default.KeptInstall));
            File.Move(scratch, Path.Combine(folder, ManifestName), overwrite: true);
            log.Detail($"{sameContent.Count} files of the kept install {folder} were whole with other times; their times are recorded.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The next env checks them again.
            Leftovers.DeleteFile(scratch);
        }
    }

    /// <summary>The kept RECORD with the lines of the scripts as written for this env.</summary>
    private static List<RecordEntry> RewriteRecord(IEnumerable<RecordEntry> record, string prefix, string sitePackages, IReadOnlyDictionary<string, byte[]> scripts) =>
        record.Select(entry =>
            scripts.TryGetValue(Path.GetRelativePath(prefix, Path.GetFullPath(Path.Combine(sitePackages, entry.Path))), out var script) ? RecordEntry.For(entry.Path, script) : entry).ToList();
}
