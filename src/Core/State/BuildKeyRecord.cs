namespace M1Env.Core.State;

/// <summary>
/// One kind of build.key record and its fields in order. <see cref="BuildKey"/> writes by these
/// names; M1Env.targets can only read by position (<c>Field1</c>, <c>Field2</c>... of a record, and
/// the info record's metadata), and BuildKeyTargetsTests holds it to this order.
/// </summary>
public sealed class BuildKeyRecord
{
    private BuildKeyRecord(string kind, params string[] fields)
    {
        Kind = kind;
        Fields = fields;
    }

    /// <summary>The hash MSBuild computed over the declaration, and the spec's own hash.</summary>
    public static BuildKeyRecord Key { get; } = new("key", "Key", "SpecHash");

    /// <summary>A file's last-write time (the base interpreter, an env's lock).</summary>
    public static BuildKeyRecord FileTime { get; } = new("file", TimeFields);

    /// <summary>The base interpreter's creation time, so an interpreter replaced in place is noticed.</summary>
    public static BuildKeyRecord CreationTime { get; } = new("born", TimeFields);

    /// <summary>A folder whose entries change when packages are installed, removed or damaged by hand.</summary>
    public static BuildKeyRecord DirectoryTime { get; } = new("dir", TimeFields);

    /// <summary>The <c>M1EnvProvisioned</c> metadata a no-op build hands on.</summary>
    public static BuildKeyRecord Info { get; } = new("info", ProvisionedEnvField.All.Select(f => f.Name).ToArray());

    /// <summary>The project's cache key (M1EnvCacheKey), added once every env of the project is provisioned.</summary>
    public static BuildKeyRecord ProjectCacheKey { get; } = new("cache", "ProjectKey");

    /// <summary>A path could not be written safely: every build runs the task.</summary>
    public static BuildKeyRecord Always { get; } = new("always");

    public static IReadOnlyList<BuildKeyRecord> All { get; } = [Key, FileTime, CreationTime, DirectoryTime, Info, ProjectCacheKey, Always];

    /// <summary>The field that holds a time record's local-time ticks.</summary>
    public const string Ticks = "Ticks";

    /// <summary>The field that holds a time record's path.</summary>
    public const string Path = "Path";

    private static string[] TimeFields => [Ticks, Path];

    public string Kind { get; }

    public IReadOnlyList<string> Fields { get; }

    /// <summary>The values by field name, in the record's order.</summary>
    /// <exception cref="ArgumentException">The values do not name exactly this record's fields.</exception>
    public IReadOnlyList<string> Order(IReadOnlyDictionary<string, string> values)
    {
        if (values.Count != Fields.Count || Fields.Any(f => !values.ContainsKey(f)))
        {
            throw new ArgumentException($"A build.key '{Kind}' record has the fields {string.Join(", ", Fields)}, not {string.Join(", ", values.Keys)}.", nameof(values));
        }

        return Fields.Select(f => values[f]).ToArray();
    }
}
