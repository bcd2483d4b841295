using System.CommandLine;

namespace M1Env.Tool.Commands.Cache;

/// <summary><c>m1env cache ...</c>: the tools folder (M1EnvToolsDir) as a CI system caches it.</summary>
internal static class CacheCommand
{
    public static Command Create() => new("cache", "The tools folder (M1EnvToolsDir) as a CI cache: its key.")
    {
        CacheKeyCommand.Create(),
    };
}
