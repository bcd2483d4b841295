using System.CommandLine;

namespace M1Env.Tool.Commands.Cache;

/// <summary><c>m1env cache …</c>: the tools folder (<c>M1EnvToolsDir</c>) as a cache, for CI and for keeping it small.</summary>
internal static class CacheCommand
{
    public static Command Create() => new("cache", "Work with M1EnvToolsDir, the folder of what builds keep for the next ones (a CI system caches it).")
    {
        CacheKeyCommand.Create(),
        CacheInfoCommand.Create(),
        CachePruneCommand.Create(),
    };
}
