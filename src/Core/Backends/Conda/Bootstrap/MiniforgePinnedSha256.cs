namespace M1Env.Core.Backends.Conda.Bootstrap;

/// <summary>
/// The SHA-256 of the installers of <see cref="MiniforgeSettings.DefaultVersion"/>, pinned in M1Env so
/// that a build checks the download against a hash that did not come from the same server (GitHub or a
/// mirror) as the installer. Where each was read, and which installers have none, is in docs/miniforge-hashes.md;
/// an installer without one is checked against the <c>.sha256</c> file published beside it.
/// </summary>
internal static class MiniforgePinnedSha256
{
    private static readonly Dictionary<string, string> ByFileName = new(StringComparer.Ordinal)
    {
        ["Miniforge3-26.7.2-0-MacOSX-arm64.sh"] = "d70bfa2e97afcda96927c9b9ca0e2316cb7750e4ce651c94388267cbe9588711",
        ["Miniforge3-26.7.2-0-MacOSX-x86_64.sh"] = "b00e7798658f92721a3ae2f6b9832695ffc6baf07758894d726268055359f6c5",
        ["Miniforge3-26.7.2-0-Linux-x86_64.sh"] = "281b0ac7d550802efc81af633225a5e6116d29ae72f3ab4eae7168c3931a4c05",
        ["Miniforge3-26.7.2-0-Linux-aarch64.sh"] = "89b786c8d2c8b0fda7553914c1314ae4ddaa094503802f279377b19ac4463cb2",
        ["Miniforge3-26.7.2-0-Windows-x86_64.exe"] = "71cf9519087be74fa53021219ff292beb2fc05fa49e0bb6eb0e0b6b14fccbaab",
    };

    /// <summary>The pinned SHA-256 (lowercase hex) of the installer with this file name, or null when M1Env pins none.</summary>
    public static string? Of(string fileName) => ByFileName.GetValueOrDefault(fileName);
}
