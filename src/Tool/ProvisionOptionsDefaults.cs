using M1Env.Core.Engine;

namespace M1Env.Tool;

/// <summary>The defaults a project would give, for when the tool runs outside one.</summary>
internal static class ProvisionOptionsDefaults
{
    public static string ToolsDirectory => ProvisionOptions.DefaultToolsDirectory;
}
