using System.Reflection;

namespace M1Env.Core.Engine;

public static class ToolInfo
{
    /// <summary>The informational version (e.g. 0.1.12-alpha+1a2b3c4), part of every spec hash.</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
