using System.Text.Json;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Backends.Conda;

/// <summary>Reads <c>info --json</c> of conda, mamba and micromamba.</summary>
public static class CondaInfo
{
    /// <summary>
    /// The package caches, in the order the tool searches them: conda's <c>pkgs_dirs</c>, libmamba's
    /// <c>"package cache"</c>; empty when stdout names none.
    /// </summary>
    public static IReadOnlyList<string> PackageCaches(string? stdout)
    {
        using var document = CondaOutput.FinalJson(stdout);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return [];
        }

        var conda = CondaJson.Strings(root, "pkgs_dirs");
        return conda.Count > 0 ? conda : CondaJson.Strings(root, "package cache");
    }
}
