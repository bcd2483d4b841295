namespace M1Env.Core.Cache;

/// <summary>The version of what M1EnvToolsDir holds, the first input of every cache key.</summary>
public static class CacheFormat
{
    /// <summary>
    /// Raise when what the tools folder holds changes meaning (the layout or the content of kept installs,
    /// kept venvs, probe answers, managed Pythons or Miniforge): every CI cache saved under the old key is
    /// then missed, and a fresh one saved.
    /// </summary>
    public const int Version = 1;
}
