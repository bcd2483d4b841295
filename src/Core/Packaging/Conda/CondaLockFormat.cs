namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// The text of a conda lock file, shared by <see cref="CondaLockWriter"/> and <see cref="CondaLockReader"/>.
/// It is a conda explicit file: every conda, mamba and micromamba installs it with no solver.
/// </summary>
/// <example><code>
/// # M1Env conda lock for env 'demo'
/// # platform: osx-arm64
/// # declared:
/// #   numpy 1.26.*
/// #   python 3.11.*
/// # Install it with no solver: conda create -p PREFIX --file FILE (micromamba: -f FILE).
/// # Written by M1Env: change the declaration and lock again rather than editing it.
/// @EXPLICIT
/// https://conda.anaconda.org/conda-forge/osx-arm64/numpy-1.26.4-py311h7125741_0.conda#3160b93669a0def35a7a8158ebb33816
/// # sha256:160a52a01fea44fe9753a2ed22cf13d7b55c8a89ea0b8738546fdbf4795d6514
/// </code></example>
/// <remarks>
/// The URL line carries the MD5 only: conda before 24.9 reads <c>#sha256:</c> as no hash at all and
/// fails to parse the line, and micromamba 1.x takes whatever follows <c>#</c> for an MD5. The SHA-256
/// stays in a comment line right after its package, which every tool skips and M1Env reads.
/// </remarks>
internal static class CondaLockFormat
{
    public const string Explicit = "@EXPLICIT";

    public const string TitlePrefix = "# M1Env conda lock for env '";

    public const string PlatformPrefix = "# platform: ";

    public const string DeclaredLine = "# declared:";

    public const string DeclaredItemPrefix = "#   ";

    public const string Sha256Prefix = "# sha256:";

    public static readonly string[] Notes =
    [
        "# Install it with no solver: conda create -p PREFIX --file FILE (micromamba: -f FILE).",
        "# Written by M1Env: change the declaration and lock again rather than editing it.",
    ];

    public static bool IsHex(string text, int length) =>
        text.Length == length && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>The package file name of a URL (<c>name-version-build.conda</c> or <c>.tar.bz2</c>) split into its parts; null when it is none.</summary>
    public static (string Name, string Version, string Build)? DistOf(string url)
    {
        var fileName = url[(url.LastIndexOf('/') + 1)..];
        var stem = fileName.EndsWith(".tar.bz2", StringComparison.Ordinal) ? fileName[..^".tar.bz2".Length]
            : fileName.EndsWith(".conda", StringComparison.Ordinal) ? fileName[..^".conda".Length]
            : null;
        return CondaPackageRef.SplitDistName(stem);
    }
}
