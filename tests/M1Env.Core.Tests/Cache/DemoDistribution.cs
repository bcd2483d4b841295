using M1Env.Core.Packaging;

namespace M1Env.Core.Tests.Cache;

/// <summary>
/// A distribution laid out in an env as pip installs one, written without pip: a module, its byte
/// code (which RECORD lists without a hash, as pip does) and a dist-info whose RECORD hashes the rest.
/// </summary>
internal sealed record DemoDistribution(string Prefix)
{
    public const string DistInfo = "m1_demo-1.0.dist-info";

    public const string ModuleSource = "def answer():\n    return 42\n";

    public string SitePackages => Path.Combine(Prefix, "lib", "python3.11", "site-packages");

    public string EnvPython => Path.Combine(Prefix, "bin", "python");

    /// <summary>The module, relative to the prefix (and so to a kept install's folder).</summary>
    public static string Module => Path.Combine("lib", "python3.11", "site-packages", "m1_demo", "__init__.py");

    public static string ByteCode => Path.Combine("lib", "python3.11", "site-packages", "m1_demo", "__pycache__", "__init__.cpython-311.pyc");

    public static DemoDistribution Write(string prefix)
    {
        var install = new DemoDistribution(prefix);
        var files = new Dictionary<string, byte[]>
        {
            ["m1_demo/__init__.py"] = "def answer():\n    return 42\n"u8.ToArray(),
            [$"{DistInfo}/METADATA"] = "Metadata-Version: 2.1\nName: m1-demo\nVersion: 1.0\n"u8.ToArray(),
            [$"{DistInfo}/INSTALLER"] = "pip\n"u8.ToArray(),
        };
        var record = new List<RecordEntry>();
        foreach (var (path, contents) in files)
        {
            install.WriteFile(path, contents);
            record.Add(RecordEntry.For(path, contents));
        }

        install.WriteFile("m1_demo/__pycache__/__init__.cpython-311.pyc", [0x55, 0x0d, 0x0d, 0x0a, 1, 2, 3, 4]);
        record.Add(RecordEntry.Unhashed("m1_demo/__pycache__/__init__.cpython-311.pyc"));
        record.Add(RecordEntry.Unhashed($"{DistInfo}/RECORD"));
        RecordFile.Write(Path.Combine(install.SitePackages, DistInfo, "RECORD"), record);
        return install;
    }

    public string PathOf(string relative) => Path.Combine(Prefix, relative);

    private void WriteFile(string path, byte[] contents)
    {
        var file = Path.Combine(SitePackages, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, contents);
    }
}
