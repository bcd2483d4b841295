using System.Collections.Concurrent;
using System.Text.Json;

namespace M1Env.Testing;

/// <summary>
/// The <c>python</c> and <c>pip</c> conda packages repacked (by <see cref="CondaPythonRepack"/>) from a relocatable
/// python. Building them is the slow part of a conda test, so they are built once and kept under the temp folder,
/// keyed by the install's path and modification times; tests copy them into their channels with
/// <see cref="CondaChannelBuilder.AddBuilt"/>.
/// </summary>
public sealed record CondaPythonPackages(BuiltCondaPackage Python, BuiltCondaPackage Pip)
{
    // Raise when what the repack writes changes, so older cached packages are not taken.
    private const int FormatVersion = 1;

    private const string RecordsFileName = "records.json";

    private static readonly ConcurrentDictionary<string, Lazy<Task<CondaPythonPackages>>> Builds = new(StringComparer.Ordinal);

    /// <summary>The folder that holds the cached packages, one subfolder a source install.</summary>
    public static string CacheRoot => Path.Combine(Path.GetTempPath(), "m1env-conda-python");

    /// <summary>
    /// The packages of <paramref name="sourcePrefix"/>, or of the newest pyenv 3.11 when null: from the cache when it holds
    /// them, else built (and cached) now. Concurrent calls for one install share one build.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no such install, or it is not relocatable.</exception>
    public static Task<CondaPythonPackages> GetAsync(string? sourcePrefix = null)
    {
        var prefix = RelocatablePythonCache.ResolvePrefix(sourcePrefix, "a conda python package");
        return Builds.GetOrAdd(
            RelocatablePythonCache.Key(prefix, FormatVersion),
            key => new Lazy<Task<CondaPythonPackages>>(() => LoadOrBuildAsync(prefix, key))).Value;
    }

    private static async Task<CondaPythonPackages> LoadOrBuildAsync(string prefix, string key)
    {
        var folder = Path.Combine(CacheRoot, key);
        if (TryLoad(folder) is { } cached)
        {
            return cached;
        }

        var python = await RelocatablePython.ProbeAsync(prefix);
        return await Task.Run(() => Build(python, folder));
    }

    private static CondaPythonPackages Build(RelocatablePython python, string folder)
    {
        // Each build writes into its own folder and then moves the files in, so a reader never sees half a package.
        var staging = Directory.CreateDirectory(Path.Combine(folder, $"staging-{Guid.NewGuid():N}")).FullName;
        try
        {
            var built = new[] { CondaPythonRepack.Python(python), CondaPythonRepack.Pip(python) }
                .Select(spec => CondaPackageBuilder.Build(staging, spec))
                .Select(package =>
                {
                    var path = Path.Combine(folder, package.FileName);
                    File.Move(package.Path, path, overwrite: true);
                    return package with { Path = path };
                })
                .ToArray();
            var records = CondaInfoFiles.Json(writer =>
            {
                writer.WriteStartArray();
                foreach (var package in built)
                {
                    CondaRepodata.WriteRecord(writer, package.Record);
                }

                writer.WriteEndArray();
            });
            var stagedRecords = Path.Combine(staging, RecordsFileName);
            File.WriteAllBytes(stagedRecords, records);
            File.Move(stagedRecords, Path.Combine(folder, RecordsFileName), overwrite: true);
            return new CondaPythonPackages(built[0], built[1]);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static CondaPythonPackages? TryLoad(string folder)
    {
        var recordsPath = Path.Combine(folder, RecordsFileName);
        if (!File.Exists(recordsPath))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(recordsPath));
        var packages = document.RootElement.EnumerateArray()
            .Select(CondaRepodata.ReadRecord)
            .Select(record => new BuiltCondaPackage(Path.Combine(folder, record.FileName), record))
            .ToArray();
        var complete = packages.Length == 2
            && packages.All(package => File.Exists(package.Path) && new FileInfo(package.Path).Length == package.Record.Size);
        return complete ? new CondaPythonPackages(packages[0], packages[1]) : null;
    }
}
