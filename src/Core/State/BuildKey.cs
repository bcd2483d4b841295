using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.State;

/// <summary>
/// The file M1Env.targets reads on every build to decide, with property functions and no process,
/// whether the task must run: records separated by ';', fields by '|'.
/// <list type="bullet">
/// <item><c>key|&lt;msbuild key&gt;|&lt;spec hash&gt;</c>: the hash MSBuild computed over the declaration.</item>
/// <item><c>file|&lt;ticks&gt;|&lt;path&gt;</c> and <c>born|&lt;ticks&gt;|&lt;path&gt;</c>: the base interpreter's
/// last-write and creation times, so an interpreter replaced in place is noticed.</item>
/// <item><c>dir|&lt;ticks&gt;|&lt;path&gt;</c>: folders whose entries change when packages are installed,
/// removed or damaged by hand (the prefix, bin, site-packages and each declared package's top-level folder).</item>
/// <item><c>info|Prefix|Python|SpecHash|BaseInterpreter|PythonVersion|PythonLibrary|Stdlib|SitePackages</c>:
/// the <c>M1EnvProvisioned</c> metadata a no-op build hands on.</item>
/// <item><c>always|</c>: a path could not be written safely; every build runs the task.</item>
/// </list>
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
        key.Add("key", msbuildKey, specHash);
        key.Add("file", File.GetLastWriteTime(baseInterpreter).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), baseInterpreter);
        key.Add("born", File.GetCreationTime(baseInterpreter).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), baseInterpreter);
        foreach (var file in (watchedFiles ?? []).Where(File.Exists))
        {
            key.Add("file", File.GetLastWriteTime(file).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), file);
        }

        foreach (var directory in watchedDirectories.Where(Directory.Exists).Distinct(PathIdentity.Comparer))
        {
            key.Add("dir", Directory.GetLastWriteTime(directory).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), directory);
        }

        key.Add("info", env.Prefix, env.Python, env.SpecHash, env.BaseInterpreter, env.PythonVersion, env.PythonLibrary, env.Stdlib, env.SitePackages);
        return key;
    }

    public string Format() => string.Join(";", records);

    private void Add(string kind, params string[] fields)
    {
        if (fields.Any(f => f.Contains(';', StringComparison.Ordinal) || f.Contains('|', StringComparison.Ordinal)))
        {
            if (!records.Contains("always|"))
            {
                records.Add("always|");
            }

            return;
        }

        records.Add(kind + "|" + string.Join("|", fields));
    }
}
