using System.Collections.Concurrent;

namespace M1Env.Testing;

/// <summary>
/// The wheels and sdists (<c>*.tar.gz</c>) of a folder, read again on every call so a test may add
/// files while the server runs, plus wheels added one by one from anywhere. An added file wins over a folder file of the same name.
/// </summary>
internal sealed class WheelCatalog(string? directory)
{
    private readonly ConcurrentDictionary<string, string> added = new(StringComparer.Ordinal);

    public void Add(string wheelPath)
    {
        var fullPath = Path.GetFullPath(wheelPath);
        var fileName = Path.GetFileName(fullPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException("No wheel there.", fullPath);
        }

        if (!TryParse(fileName, out _))
        {
            throw new ArgumentException($"'{fileName}' is not a wheel file name.", nameof(wheelPath));
        }

        added[fileName] = fullPath;
    }

    public IReadOnlyList<IndexedWheel> Wheels()
    {
        var byFileName = new Dictionary<string, string>(StringComparer.Ordinal);
        if (directory is not null && Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "*.whl").Concat(Directory.EnumerateFiles(directory, "*.tar.gz")))
            {
                byFileName[Path.GetFileName(path)] = path;
            }
        }

        foreach (var (fileName, path) in added)
        {
            byFileName[fileName] = path;
        }

        var wheels = new List<IndexedWheel>();
        foreach (var (fileName, path) in byFileName)
        {
            if (TryParse(fileName, out var name))
            {
                wheels.Add(new IndexedWheel(fileName, path, PythonNames.Normalize(name)));
            }
        }

        return wheels.OrderBy(w => w.FileName, StringComparer.Ordinal).ToArray();
    }

    // Sdists are served beside wheels so tests can see what pip does with a package that has no wheel.
    private static bool TryParse(string fileName, out string name) =>
        PythonNames.TryParseWheelFileName(fileName, out name, out _) || PythonNames.TryParseSdistFileName(fileName, out name, out _);
}
