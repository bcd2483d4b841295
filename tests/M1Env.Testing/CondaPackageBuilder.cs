using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace M1Env.Testing;

/// <summary>
/// Writes real conda packages in the <c>.tar.bz2</c> format: <c>info/index.json</c>, <c>info/paths.json</c>
/// (paths_version 1), <c>info/files</c>, <c>info/has_prefix</c> when a file declares a prefix placeholder,
/// <c>info/link.json</c> for <c>noarch: python</c>, then the payload. The same spec gives the same bytes.
/// </summary>
public static partial class CondaPackageBuilder
{
    /// <summary>The time in every tar header and, unless a spec says otherwise, in index.json.</summary>
    public static readonly DateTimeOffset DefaultTimestamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GeneratedRegex(@"^[a-z0-9_][a-z0-9_.+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageName();

    [GeneratedRegex(@"^[A-Za-z0-9_.+!]+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionOrBuild();

    /// <summary>Builds <c>&lt;name&gt;-&lt;version&gt;-&lt;build&gt;.tar.bz2</c> into <paramref name="outputDirectory"/>.</summary>
    public static BuiltCondaPackage Build(string outputDirectory, CondaPackageSpec spec)
    {
        Validate(spec);
        var payload = spec.Files.OrderBy(file => file.Path, StringComparer.Ordinal).ToArray();
        var entries = new List<CondaPackageFile>
        {
            Info("index.json", CondaInfoFiles.Index(spec)),
            Info("paths.json", CondaInfoFiles.Paths(payload)),
            Info("files", CondaInfoFiles.Files(payload)),
        };
        if (CondaInfoFiles.HasPrefix(payload) is { } hasPrefix)
        {
            entries.Add(Info("has_prefix", hasPrefix));
        }

        if (spec.Noarch == CondaNoarch.Python)
        {
            entries.Add(Info("link.json", CondaInfoFiles.Link(spec)));
        }

        entries.AddRange(payload);
        var bytes = CondaTarBz2.Write(entries, DefaultTimestamp);

        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(Path.GetFullPath(outputDirectory), spec.FileName);
        File.WriteAllBytes(path, bytes);
        var record = new CondaPackageRecord(
            spec.Name,
            spec.Version,
            spec.Build,
            spec.BuildNumber,
            spec.Depends.ToArray(),
            spec.Subdir,
            spec.Noarch,
            spec.License,
            spec.Timestamp.ToUnixTimeMilliseconds(),
            Convert.ToHexStringLower(MD5.HashData(bytes)),
            Convert.ToHexStringLower(SHA256.HashData(bytes)),
            bytes.LongLength);
        return new BuiltCondaPackage(path, record);
    }

    private static CondaPackageFile Info(string name, byte[] content) => CondaPackageFile.InfoFile(name, content);

    private static void Validate(CondaPackageSpec spec)
    {
        if (!PackageName().IsMatch(spec.Name))
        {
            throw new ArgumentException($"'{spec.Name}' is not a conda package name (lower case, digits, _ . + -).", nameof(spec));
        }

        if (!VersionOrBuild().IsMatch(spec.Version) || !VersionOrBuild().IsMatch(spec.Build))
        {
            throw new ArgumentException($"'{spec.Version}' or '{spec.Build}' is no usable conda version or build string.", nameof(spec));
        }

        if (spec.BuildNumber < 0)
        {
            throw new ArgumentException("A build number is never negative.", nameof(spec));
        }

        if (spec.Depends.Any(depend => string.IsNullOrWhiteSpace(depend) || depend.Contains('\n') || depend.Contains('\r')))
        {
            throw new ArgumentException("A dependency is empty or spans several lines.", nameof(spec));
        }

        if (spec.EntryPoints.Count > 0 && spec.Noarch != CondaNoarch.Python)
        {
            throw new ArgumentException("Only a noarch: python package has entry points.", nameof(spec));
        }

        var duplicate = spec.Files.GroupBy(file => file.Path, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two files at {duplicate.Key}.", nameof(spec));
        }
    }
}
