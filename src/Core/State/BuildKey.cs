using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.State;

/// <summary>
/// The file M1Env.targets reads on every build to decide, with property functions and no process,
/// whether the task must run: records separated by ';', fields by '|', each record its kind and then
/// the fields <see cref="BuildKeyRecord"/> defines for that kind, in its order (<c>key</c>, the time
/// records <c>file</c>, <c>born</c> and <c>dir</c>, <c>info</c>, <c>always</c>).
/// Times are local-time ticks, exactly what MSBuild's <c>GetLastWriteTime(...).Ticks</c> gives.
/// </summary>
public sealed class BuildKey
{
    private readonly List<string> records = [];

    private BuildKey()
    {
    }

    /// <param name="watchedFiles">Files whose change must re-run the task (an env's lock: editing or checking out another one re-applies it).</param>
    public static BuildKey Create(string msbuildKey, string specHash, string baseInterpreter, IEnumerable<string> watchedDirectories, ProvisionedEnv env, IEnumerable<string>? watchedFiles = null)
    {
        var key = new BuildKey();
        key.Add(BuildKeyRecord.Key, new Dictionary<string, string> { ["Key"] = msbuildKey, ["SpecHash"] = specHash });
        key.AddTime(BuildKeyRecord.FileTime, File.GetLastWriteTime(baseInterpreter), baseInterpreter);
        key.AddTime(BuildKeyRecord.CreationTime, File.GetCreationTime(baseInterpreter), baseInterpreter);
        foreach (var file in (watchedFiles ?? []).Where(File.Exists))
        {
            key.AddTime(BuildKeyRecord.FileTime, File.GetLastWriteTime(file), file);
        }

        foreach (var directory in watchedDirectories.Where(Directory.Exists).Distinct(PathIdentity.Comparer))
        {
            key.AddTime(BuildKeyRecord.DirectoryTime, Directory.GetLastWriteTime(directory), directory);
        }

        key.Add(BuildKeyRecord.Info, ProvisionedEnvField.All.ToDictionary(f => f.Name, f => f.Read(env)));
        return key;
    }

    public string Format() => string.Join(";", records);

    /// <summary>
    /// A formatted key with the project's cache key record in place of any it held: written once every env of the
    /// project is provisioned, since the project's key needs every env's final lock.
    /// </summary>
    public static string WithProjectCacheKey(string formatted, string projectKey)
    {
        var kept = formatted.Split(';').Where(r => r.Length > 0 && !r.StartsWith(BuildKeyRecord.ProjectCacheKey.Kind + "|", StringComparison.Ordinal));
        var key = new BuildKey();
        key.records.AddRange(kept);
        key.Add(BuildKeyRecord.ProjectCacheKey, new Dictionary<string, string> { ["ProjectKey"] = projectKey });
        return key.Format();
    }

    private void AddTime(BuildKeyRecord record, DateTime time, string path) =>
        Add(record, new Dictionary<string, string>
        {
            [BuildKeyRecord.Ticks] = time.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [BuildKeyRecord.Path] = path,
        });

    private void Add(BuildKeyRecord record, IReadOnlyDictionary<string, string> values)
    {
        var fields = record.Order(values);
        if (fields.Any(f => f.Contains(';', StringComparison.Ordinal) || f.Contains('|', StringComparison.Ordinal)))
        {
            var always = BuildKeyRecord.Always.Kind + "|";
            if (!records.Contains(always))
            {
                records.Add(always);
            }

            return;
        }

        records.Add(record.Kind + "|" + string.Join("|", fields));
    }
}
