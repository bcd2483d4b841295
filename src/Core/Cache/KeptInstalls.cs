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

    public bool Has(string key) => Supported && File.Exists(Path.Combine(FolderFor(key), ManifestName));

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

        var planted = new List<string>();
        var folders = new PlantedFolders();

        // The dist-info is linked into a '~' folder (what an interrupted pip leaves, and the next build
        // deletes) and renamed into place last: until then the env does not hold the distribution.
        var distInfo = Path.GetDirectoryName(kept.Record)!;
        var partialDistInfo = Path.Combine(Path.GetDirectoryName(distInfo)!, "~" + Path.GetFileName(distInfo));
        string Target(string relative) =>
            Path.Combine(prefix, relative.StartsWith(distInfo + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? partialDistInfo + relative[distInfo.Length..] : relative);
        try
        {
            var keptFiles = kept.Files ?? throw new InvalidDataException($"{folder} was kept by an older M1Env, which did not record its files");
            var record = RecordFile.Read(Path.Combine(folder, kept.Record));
            var entries = RecordEntries(record, folder, Path.Combine(folder, kept.SitePackages));
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

                var target = Target(relative);
                CreateFolderOf(target, folders);
                if (scriptPaths.Contains(relative))
                {
                    var script = Encoding.UTF8.GetBytes(ConsoleScript.Launch(envPython)).Concat(File.ReadAllBytes(source)).ToArray();
                    using (var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
                    {
                        stream.Write(script);
                    }

                    planted.Add(target);
                    File.SetUnixFileMode(target, File.GetUnixFileMode(source));
                    scripts[relative] = script;
                }
                else
                {
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
                    planted.Add(target);
                }
            }

            var lines = RewriteRecord(record, prefix, sitePackages, scripts);
            CreateFolderOf(Target(kept.Record), folders);
            foreach (var (name, contents) in howInstalled)
            {
                var file = Target(Path.Combine(distInfo, name));
                File.WriteAllBytes(file, contents);
                planted.Add(file);
                lines.Add(RecordEntry.For(Path.GetRelativePath(sitePackages, Path.Combine(prefix, distInfo, name)).Replace(Path.DirectorySeparatorChar, '/'), contents));
            }

            planted.Add(Target(kept.Record));
            RecordFile.Write(Target(kept.Record), lines);
            Directory.Move(Path.Combine(prefix, partialDistInfo), Path.Combine(prefix, distInfo));
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
            Undo(planted, folders.Created);
            Leftovers.DeleteFolder(Path.Combine(prefix, partialDistInfo));
            if (exception is InvalidDataException)
            {
                log.Warning(ErrorCodes.FileSystemError, $"{exception.Message}; it is dropped, and kept again the next time pip installs it.");
                Leftovers.DeleteFolder(folder);
            }

            return false;
        }
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
            var envOwn = EnvOwnFiles.Select(name => Path.GetFullPath(Path.Combine(sitePackages, distInfo, name))).ToHashSet(StringComparer.Ordinal);
            var lines = RecordFile.Read(record)
                .Select(entry => (Entry: entry, File: Path.GetFullPath(Path.Combine(sitePackages, entry.Path))))
                .Where(entry => !envOwn.Contains(entry.File))
                .ToArray();
            if (lines.Any(entry => !entry.File.StartsWith(root, StringComparison.Ordinal)))
            {
                log.Detail($"{distInfo} is not kept: it installed files outside the env.");
                return;
            }

            var launch = Encoding.UTF8.GetBytes(ConsoleScript.Launch(envPython));
            var prefixBytes = Encoding.UTF8.GetBytes(Path.GetFullPath(prefix));
            var scripts = new List<string>();
            var keptFiles = new Dictionary<string, KeptFile>(StringComparer.Ordinal);
            var links = linker.ForTree();
            var ownRecord = Path.GetFullPath(record);
            foreach (var (entry, file) in lines.Where(entry => entry.File != ownRecord && File.Exists(entry.File)))
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
                    return;
                }
                else
                {
                    links.Place(file, target);
                    keptFiles[relative] = KeptFile.Of(target, entry.Sha256);
                }
            }

            var recordLines = lines.Select(line => line.Entry).ToList();
            foreach (var (script, copyOf) in sameScripts ?? new Dictionary<string, string>())
            {
                if (scripts.Contains(script) || !scripts.Contains(copyOf))
                {
                    continue;
                }

                // The same body, hash and size: only the path differs, and planting rehashes a script's line anyway.
                File.Copy(Path.Combine(scratch, copyOf), Path.Combine(scratch, script));
                scripts.Add(script);
                var copied = lines.First(line => line.File == Path.Combine(root, copyOf)).Entry;
                recordLines.Add(copied with { Path = Path.GetRelativePath(sitePackages, Path.Combine(root, script)).Replace(Path.DirectorySeparatorChar, '/') });
            }

            var keptRecord = Path.GetRelativePath(root, ownRecord);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(scratch, keptRecord))!);
            RecordFile.Write(Path.Combine(scratch, keptRecord), recordLines);
            var manifest = new KeptInstall(Path.GetRelativePath(prefix, sitePackages), keptRecord, scripts, keptFiles);
            File.WriteAllText(Path.Combine(scratch, ManifestName), JsonSerializer.Serialize(manifest, KeptInstallJsonContext.Default.KeptInstall));
            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            Directory.Move(scratch, folder);
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

    /// <summary>Creates the folders of <paramref name="file"/> that are missing, remembering which (to undo) and which exist (a link per file, not a stat more).</summary>
    private static void CreateFolderOf(string file, PlantedFolders folders)
    {
        var missing = new Stack<string>();
        for (var current = Path.GetDirectoryName(file)!; !folders.Existing.Contains(current) && !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        foreach (var path in missing)
        {
            Directory.CreateDirectory(path);
            folders.Created.Add(path);
            folders.Existing.Add(path);
        }

        folders.Existing.Add(Path.GetDirectoryName(file)!);
    }

    private sealed class PlantedFolders
    {
        public List<string> Created { get; } = [];

        public HashSet<string> Existing { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Takes a partly planted install back out: an empty package folder left behind would import as a namespace package.</summary>
    private static void Undo(IEnumerable<string> planted, IEnumerable<string> createdFolders)
    {
        foreach (var file in planted)
        {
            Leftovers.DeleteFile(file);
        }

        foreach (var folder in createdFolders.Reverse())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not empty after all: something else put a file there.
            }
        }
    }
}
