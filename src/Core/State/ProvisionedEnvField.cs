namespace M1Env.Core.State;

/// <summary>
/// One metadata of the <c>M1EnvProvisioned</c> item, in the order build.key's <c>info</c> record
/// holds it: the task's item, the record and M1Env.targets' no-op item all follow this list.
/// </summary>
public sealed record ProvisionedEnvField(string Name, Func<ProvisionedEnv, string> Read)
{
    public static IReadOnlyList<ProvisionedEnvField> All { get; } =
    [
        new("Prefix", e => e.Prefix),
        new("Python", e => e.Python),
        new("SpecHash", e => e.SpecHash),
        new("BaseInterpreter", e => e.BaseInterpreter),
        new("PythonVersion", e => e.PythonVersion),
        new("PythonLibrary", e => e.PythonLibrary),
        new("Stdlib", e => e.Stdlib),
        new("SitePackages", e => e.SitePackages),
        new("CacheKey", e => e.CacheKey),
    ];
}
