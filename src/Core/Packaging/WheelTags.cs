namespace M1Env.Core.Packaging;

/// <summary>The tags of a wheel file name (PEP 427), with compressed tag sets expanded.</summary>
public static class WheelTags
{
    /// <summary>
    /// <c>numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl</c> gives
    /// <c>cp312-cp312-manylinux_2_17_x86_64</c> and <c>cp312-cp312-manylinux2014_x86_64</c>; empty when not a wheel name.
    /// </summary>
    public static IReadOnlyList<string> Of(string fileName)
    {
        if (!fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var parts = fileName[..^4].Split('-');
        if (parts.Length is not (5 or 6))
        {
            return [];
        }

        var (interpreters, abis, platforms) = (parts[^3].Split('.'), parts[^2].Split('.'), parts[^1].Split('.'));
        return [.. from interpreter in interpreters
                   from abi in abis
                   from platform in platforms
                   select $"{interpreter}-{abi}-{platform}".ToLowerInvariant()];
    }
}
