using System.Text.Json;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Inspection;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Python;

namespace M1Env.Core.Cache;

/// <summary>
/// A lock's wheels as pip installed them, kept (<see cref="KeptInstalls"/>) by the wheel's sha256
/// and the interpreter's implementation and version: the same file installed by the same Python
/// gives the same files. A fresh env, a remade one, or a second env of the same packages then links
/// them in and runs pip only for what no env installed before.
/// </summary>
public sealed class KeptWheels(KeptInstalls kept, IProvisionLog log)
{
    private readonly RecordRemoval removal = new(log);

    /// <summary><c>cpython-3.11/NAME-VERSION-SHA256PREFIX</c>; null for what is not a wheel with a version (an sdist builds differently on each machine).</summary>
    public static string? KeyFor(SelectedArtifact selected, PythonInterpreter interpreter) =>
        selected is { Version: { } version, Artifact: { IsWheel: true, Sha256.Length: 64 } artifact }
            ? Path.Combine($"{interpreter.Implementation}-{interpreter.ParsedVersion.Major}.{interpreter.ParsedVersion.Minor}", $"{selected.Name}-{version}-{artifact.Sha256[..16]}")
            : null;

    /// <summary>
    /// Links into the env every wanted wheel that is kept, after removing the version the env holds
    /// (by its RECORD, as pip would; one pip did not install plainly is pip's to replace); returns the
    /// rest, for pip to install. Each is marked as
    /// pip marks a locked install (<c>name @ URL</c>): <c>REQUESTED</c>, and <c>direct_url.json</c>
    /// naming the file and its hash, so <c>pip freeze</c> lists it the same whichever way it came.
    /// </summary>
    /// <param name="location">Where pip would get each artifact (the locked install's <c>PipHashedRequirements.LocationOf</c>).</param>
    /// <param name="envPython">The env's interpreter, which console scripts launch.</param>
    public IReadOnlyList<SelectedArtifact> Plant(IReadOnlyList<SelectedArtifact> wanted, Func<PyLockArtifact, string> location, InstalledEnv disk, PythonInterpreter interpreter, string envPython)
    {
        if (!KeptInstalls.Supported || disk.SitePackages is not { } sitePackages)
        {
            return wanted;
        }

        var left = new List<SelectedArtifact>();
        var planted = new List<string>();
        foreach (var selected in wanted)
        {
            if (KeyFor(selected, interpreter) is { } key && kept.Has(key) && Removed(disk, selected.Name)
                && kept.TryPlant(key, disk.Prefix, sitePackages, envPython, HowInstalled(selected.Artifact, location(selected.Artifact))))
            {
                planted.Add($"{selected.Name}=={selected.Version}");
            }
            else
            {
                left.Add(selected);
            }
        }

        if (planted.Count > 0)
        {
            log.Step($"Linked {Counted.Packages(planted.Count)} as installed before from {kept.Root}: {string.Join(", ", planted)}.");
        }

        return left;
    }

    /// <summary>
    /// Whether the env holds no version of <paramref name="name"/> now: none was there, or the one
    /// there was removed by its RECORD as pip would before installing another. One pip did not install
    /// plainly (editable, another installer's) is left to pip, and so is the install.
    /// </summary>
    private bool Removed(InstalledEnv disk, string name) => disk.Find(name) is null || removal.Remove(disk, [name]).Count == 0;

    /// <summary>The files pip writes for a <c>name @ URL --hash=sha256:HEX</c> line (PEP 610's <c>archive_info</c>).</summary>
    private static Dictionary<string, byte[]> HowInstalled(PyLockArtifact artifact, string url)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("archive_info");
            json.WriteString("hash", "sha256=" + artifact.Sha256);
            json.WriteStartObject("hashes");
            json.WriteString("sha256", artifact.Sha256);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("url", url);
            json.WriteEndObject();
        }

        return new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["REQUESTED"] = [], ["direct_url.json"] = buffer.ToArray() };
    }

    /// <summary>Keeps the wheels pip has just installed into the env, for the next env that needs them.</summary>
    public void Keep(IEnumerable<SelectedArtifact> installed, InstalledEnv disk, PythonInterpreter interpreter, string envPython)
    {
        if (!KeptInstalls.Supported || disk.SitePackages is not { } sitePackages)
        {
            return;
        }

        foreach (var selected in installed)
        {
            if (KeyFor(selected, interpreter) is { } key && !kept.Has(key) && disk.Find(selected.Name) is { } distribution && distribution.Version == selected.Version)
            {
                kept.Keep(key, disk.Prefix, sitePackages, Path.GetFileName(distribution.DistInfoPath), envPython);
            }
        }
    }
}
