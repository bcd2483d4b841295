using M1Env.Core.State;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace M1Env.Tasks;

/// <summary>
/// The <c>M1EnvProvisioned</c> item of one env. M1Env.targets builds the same item, with the same
/// metadata, from the build key on a no-op build: keep the two in step.
/// </summary>
internal static class ProvisionedItem
{
    public static ITaskItem From(ProvisionedEnv env)
    {
        var item = new TaskItem(env.Name);
        item.SetMetadata("Prefix", env.Prefix);
        item.SetMetadata("Python", env.Python);
        item.SetMetadata("SpecHash", env.SpecHash);
        item.SetMetadata("BaseInterpreter", env.BaseInterpreter);
        item.SetMetadata("PythonVersion", env.PythonVersion);
        item.SetMetadata("PythonLibrary", env.PythonLibrary);
        item.SetMetadata("Stdlib", env.Stdlib);
        item.SetMetadata("SitePackages", env.SitePackages);
        return item;
    }
}
