using M1Env.Core.State;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace M1Env.Tasks;

/// <summary>
/// The <c>M1EnvProvisioned</c> item of one env, with the metadata <see cref="ProvisionedEnvField"/>
/// names. M1Env.targets builds the same item from build.key's info record on a no-op build.
/// </summary>
internal static class ProvisionedItem
{
    public static ITaskItem From(ProvisionedEnv env)
    {
        var item = new TaskItem(env.Name);
        foreach (var field in ProvisionedEnvField.All)
        {
            item.SetMetadata(field.Name, field.Read(env));
        }

        return item;
    }
}
