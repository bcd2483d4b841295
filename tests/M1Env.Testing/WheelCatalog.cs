using System.Collections.Concurrent;

namespace M1Env.Testing;

/// <summary>
/// The wheels of a folder, read again on every call so a test may add files while the server runs,
/// plus wheels added one by one from anywhere. An added file wins over a folder file of the same name.
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

        if (!PythonNames.TryParseWheelFileName(fileName, out _, out _))
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
            foreach (var path in Directory.EnumerateFiles(directory, "*.whl"))
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
            if (PythonNames.TryParseWheelFileName(fileName, out var name, out _))
            {
                wheels.Add(new IndexedWheel(fileName, path, PythonNames.Normalize(name)));
            }
        }

        return wheels.OrderBy(w => w.FileName, StringComparer.Ordinal).ToArray();
    }
}
