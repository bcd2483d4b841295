namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// The locked packages of one conda env on one platform: what <c>&lt;env&gt;.&lt;subdir&gt;.conda-lock.txt</c>
/// holds. Installing it needs no solver; the packages are in install order (dependencies first).
/// </summary>
/// <param name="EnvName">The env the lock is for.</param>
/// <param name="Subdir">The conda platform subdir it was resolved for (<c>osx-arm64</c>, <c>linux-64</c>...).</param>
/// <param name="DeclaredSpecs">The match specs it was resolved from (the Python pin and the declared conda packages), sorted ordinally.</param>
/// <param name="Packages">Every package of the env, in install order.</param>
public sealed record CondaLock(string EnvName, string Subdir, IReadOnlyList<string> DeclaredSpecs, IReadOnlyList<CondaLockedPackage> Packages)
{
    /// <summary>What a lock file's name ends with.</summary>
    public const string FileSuffix = ".conda-lock.txt";

    /// <summary>
    /// The lock file's name for an env and platform, <c>&lt;env&gt;.&lt;subdir&gt;.conda-lock.txt</c>: the env
    /// first so one env's files sort together beside the project, the subdir so each platform has its own.
    /// </summary>
    public static string FileName(string envName, string subdir) => $"{envName}.{subdir}{FileSuffix}";

    /// <summary>The lock file beside the project, see <see cref="FileName"/>.</summary>
    public static string PathFor(string projectDirectory, string envName, string subdir) =>
        Path.Combine(projectDirectory, FileName(envName, subdir));

    /// <summary>
    /// A platform's file from an env's lock path: <c>NAME.conda-lock.txt</c> becomes
    /// <c>NAME.SUBDIR.conda-lock.txt</c>, so each platform has its own explicit file beside the others.
    /// </summary>
    public static string PlatformPathOf(string lockFile, string subdir)
    {
        var stem = lockFile.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase) ? lockFile[..^FileSuffix.Length] : lockFile;
        return $"{stem}.{subdir}{FileSuffix}";
    }

    /// <summary>The locked package of that name, or null.</summary>
    public CondaLockedPackage? Find(string name) => Packages.FirstOrDefault(p => p.Name == name);
}
