using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Cache;

/// <summary>
/// A venv as the standard library's <c>venv</c> module made it for one interpreter, kept in
/// <c>M1EnvToolsDir/venvs</c> and copied into the next env's prefix with that env's path and
/// prompt written in: the same files, without a process. The venv module writes the path and the
/// prompt as plain text into pyvenv.cfg and the activate scripts only; a kept venv with either in
/// any other kind of file is not kept.
/// </summary>
/// <remarks>
/// Keyed by the interpreter's path as given, its file's fingerprint and those of the venv module's
/// own files (a stdlib update changes the scripts without changing the interpreter), so a changed
/// interpreter gets a kept venv of its own. The path and prompt are written in only where the
/// venv module writes them unquoted or quotes them the same way for every value: paths and prompts
/// of the characters a POSIX shell leaves as they are. POSIX only, as a Windows venv holds launchers.
/// The files written as they are kept are cloned where M1EnvLinkMode and the file system allow, and
/// copied otherwise, never hard-linked: nothing checks a kept venv's files before they are taken.
/// </remarks>
public sealed partial class KeptVenvs(string root, IProvisionLog log, FileLinker? linker = null)
{
    private const string ManifestName = "kept.json";

    private readonly FileLinker linker = linker ?? new FileLinker(LinkMode.Auto, log);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What Python's <c>shlex.quote</c> leaves unquoted, so the venv module writes it the same way however it quotes.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainText();

    [UnsupportedOSPlatformGuard("windows")]
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>
    /// The key of the venv this interpreter's venv module makes with these options; null when none
    /// can be kept (Windows, a venv module not found, a tools folder whose path the venv module would quote).
    /// </summary>
    /// <param name="executable">The interpreter's path, as the venv process is started with it (the venv's links point at it).</param>
    /// <param name="venvModule">The venv module's folder in the interpreter's standard library.</param>
    /// <param name="options">The venv options other than the prompt and the path.</param>
    public string? KeyFor(string executable, string venvModule, IReadOnlyList<string> options)
    {
        if (!Supported || !PlainText().IsMatch(Path.GetFullPath(root)) || FileFingerprint.Of(executable) is not { } interpreter || !Directory.Exists(venvModule))
        {
            return null;
        }

        var identity = new StringBuilder().Append(executable).Append('\n').Append(interpreter).Append('\n').AppendJoin(' ', options).Append('\n');
        foreach (var file in Directory.EnumerateFiles(venvModule, "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}__pycache__{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            identity.Append(Path.GetRelativePath(venvModule, file)).Append(' ').Append(FileFingerprint.Of(file)).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())), 0, 16).ToLowerInvariant();
    }

    /// <summary>Whether a venv is kept under <paramref name="key"/>; one found counts as used (<see cref="UseRecord"/>).</summary>
    public bool Has(string key)
    {
        var found = Supported && File.Exists(Path.Combine(root, key, ManifestName));
        if (found)
        {
            UseRecord.Record(Path.Combine(root, key));
        }

        return found;
    }

    /// <summary>Whether a venv made at <paramref name="prefix"/> with <paramref name="prompt"/> can be copied from a kept one.</summary>
    public static bool CanCopyTo(string prefix, string prompt) => Supported && PlainText().IsMatch(Plain(prefix)) && PlainText().IsMatch(prompt);

    /// <summary>
    /// A place to make the venv to keep, with the path and prompt to give the venv module; null when
    /// the tools folder cannot be written (the env is then made by the venv module in place).
    /// </summary>
    public KeptVenvDraft? Draft(string key)
    {
        var id = Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Path.GetFullPath(root), $"{key}.{id}.partial");
        try
        {
            Directory.CreateDirectory(folder);
            DeleteAbandonedDrafts(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Detail($"No venv can be kept in {root}: {exception.Message}");
            return null;
        }

        return new KeptVenvDraft(key, folder, Path.Combine(folder, "m1envvenv" + id[..12]), "m1envprompt" + id[..12]);
    }

    /// <summary>Drafts of builds killed while the venv module ran: a draft takes a second, so one an hour old is abandoned.</summary>
    private static void DeleteAbandonedDrafts(string current)
    {
        foreach (var draft in Directory.EnumerateDirectories(Path.GetDirectoryName(current)!, "*.partial"))
        {
            if (draft != current && Directory.GetLastWriteTimeUtc(draft) < DateTime.UtcNow.AddHours(-1))
            {
                Leftovers.DeleteFolder(draft);
            }
        }
    }

    /// <summary>
    /// Keeps the venv made in <paramref name="draft"/>; false, and nothing kept, when it names its
    /// path or prompt other than in text. A kept venv another build kept first stays.
    /// </summary>
    public bool Keep(KeptVenvDraft draft)
    {
        try
        {
            if (!Supported || RewrittenFiles(draft) is not { } rewritten)
            {
                log.Detail($"The venv made at {draft.Prefix} names its path in a file that is not text: it is not kept.");
                return false;
            }

            File.WriteAllText(Path.Combine(draft.Folder, ManifestName), JsonSerializer.Serialize(new KeptVenv(draft.Prefix, draft.Prompt, rewritten), KeptVenvJsonContext.Default.KeptVenv));
            var folder = Path.Combine(root, draft.Key);
            if (!Directory.Exists(folder))
            {
                Directory.Move(draft.Folder, folder);
            }

            UseRecord.Record(folder);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Kept by another build meanwhile, or the tools folder is not writable: this build makes its venvs as usual.
            return Has(draft.Key);
        }
        finally
        {
            Leftovers.DeleteFolder(draft.Folder);
        }
    }

    /// <summary>
    /// Makes the venv at <paramref name="prefix"/> a copy of the kept one, its path and prompt written
    /// in, beside what the prefix holds already (M1Env's own state). False when none is kept, an entry
    /// of the venv is in the way, or it could not be copied: then nothing of it is left in the prefix,
    /// for the venv module to make it.
    /// </summary>
    public bool TryCopy(string key, string prefix, string prompt)
    {
        var folder = Path.Combine(root, key);
        if (!Supported || !CanCopyTo(prefix, prompt) || ReadManifest(folder) is not { } kept)
        {
            return false;
        }

        var target = Plain(prefix);
        var source = Path.Combine(folder, Path.GetFileName(kept.MadeAt));
        if (!Directory.Exists(source))
        {
            return false;
        }

        var entries = new DirectoryInfo(source).EnumerateFileSystemInfos().Select(e => Path.Combine(target, e.Name)).ToArray();
        if (entries.Any(Path.Exists))
        {
            return false;
        }

        try
        {
            Copy(source, target, kept.Rewritten, linker.ForTree(hardLinks: false), text => text
                .Replace(kept.MadeAt, target, StringComparison.Ordinal)
                .Replace(Path.GetFileName(kept.MadeAt), Path.GetFileName(target), StringComparison.Ordinal)
                .Replace(kept.Prompt, prompt, StringComparison.Ordinal));
            UseRecord.Record(folder);
            log.Detail($"Copied the venv kept in {folder}.");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            log.Detail($"Could not copy the venv kept in {folder} ({exception.Message}); the venv module makes it.");
            foreach (var entry in entries)
            {
                DeleteEntry(entry);
            }

            return false;
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void Copy(string source, string target, IReadOnlyList<string> rewritten, TreeLinker files, Func<string, string> rewrite)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in Walk(new DirectoryInfo(source)))
        {
            var relative = Path.GetRelativePath(source, entry.FullName);
            var to = Path.Combine(target, relative);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(to, rewrite(link));
            }
            else if (entry is DirectoryInfo)
            {
                Directory.CreateDirectory(to);
            }
            else if (rewritten.Contains(relative))
            {
                File.WriteAllBytes(to, StrictUtf8.GetBytes(rewrite(StrictUtf8.GetString(File.ReadAllBytes(entry.FullName)))));
                File.SetUnixFileMode(to, File.GetUnixFileMode(entry.FullName));
            }
            else
            {
                files.Place(entry.FullName, to);
            }
        }
    }

    /// <summary>The files of the draft that name its path or prompt, relative to it; null when one of them is not UTF-8 text.</summary>
    private static List<string>? RewrittenFiles(KeptVenvDraft draft)
    {
        var tokens = new[] { Path.GetFileName(draft.Prefix), draft.Prompt }.Select(Encoding.UTF8.GetBytes).ToArray();
        var rewritten = new List<string>();
        foreach (var file in Walk(new DirectoryInfo(draft.Prefix)).OfType<FileInfo>())
        {
            var bytes = File.ReadAllBytes(file.FullName);
            if (!tokens.Any(token => bytes.AsSpan().IndexOf(token) >= 0))
            {
                continue;
            }

            if (bytes.AsSpan().IndexOf((byte)0) >= 0 || !Utf8.IsValid(bytes))
            {
                return null;
            }

            rewritten.Add(Path.GetRelativePath(draft.Prefix, file.FullName));
        }

        return rewritten;
    }

    /// <summary>Every entry under <paramref name="folder"/>, links as links (never followed).</summary>
    private static IEnumerable<FileSystemInfo> Walk(DirectoryInfo folder)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            yield return entry;
            if (entry is DirectoryInfo directory && entry.LinkTarget is null)
            {
                foreach (var inner in Walk(directory))
                {
                    yield return inner;
                }
            }
        }
    }

    private static void DeleteEntry(string path)
    {
        if (new FileInfo(path).LinkTarget is null && Directory.Exists(path))
        {
            Leftovers.DeleteFolder(path);
        }
        else
        {
            Leftovers.DeleteFile(path);
        }
    }

    private static KeptVenv? ReadManifest(string folder) => JsonFile.TryRead(Path.Combine(folder, ManifestName), KeptVenvJsonContext.Default.KeptVenv);

    private static string Plain(string prefix) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(prefix));
}
