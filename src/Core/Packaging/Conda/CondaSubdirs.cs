using System.Text.RegularExpressions;

namespace M1Env.Core.Packaging.Conda;

/// <summary>conda's platform subdirs: <c>noarch</c>, <c>osx-arm64</c>, <c>linux-64</c>, <c>win-64</c>...</summary>
internal static partial class CondaSubdirs
{
    [GeneratedRegex(@"^(noarch|(linux|osx|win|zos|freebsd|emscripten|wasi)-[a-z0-9_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdir();

    public static bool IsSubdir(string? segment) => segment is not null && Subdir().IsMatch(segment);
}
