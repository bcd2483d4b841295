using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.Spec;

namespace M1Env.Core.Backends.Conda;

/// <summary>A conda env's lock files after the lock stage: this machine's, read, and every platform's.</summary>
/// <param name="Current">This machine's lock file, which conda installs.</param>
/// <param name="Lock">What it holds.</param>
/// <param name="All">Every platform's lock file, as the build key watches them.</param>
/// <param name="ByPlatform">Every platform's lock, by the name M1EnvLockPlatforms gives the platform (<c>osx-arm64</c>, <c>linux-x64</c>).</param>
public sealed record CondaLockFiles(string Current, CondaLock Lock, IReadOnlyList<string> All, IReadOnlyDictionary<string, CondaLock> ByPlatform)
{
    /// <summary>Per platform, the packages conda puts in the env, by their PEP 503 normalised name: what pip resolves around.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> PythonPackagesByPlatform() =>
        ByPlatform.ToDictionary(
            p => p.Key,
            p => (IReadOnlyDictionary<string, string>)p.Value.Packages
                .Where(package => package.Name != "python")
                .ToDictionary(package => PackageNames.Normalize(package.Name), package => package.Version, StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>A platform's file from the env's lock path (see <see cref="CondaLock.PlatformPathOf"/>).</summary>
    public static string PathFor(string lockFile, string subdir) => CondaLock.PlatformPathOf(lockFile, subdir);

    /// <summary>The spec with every locked package pinned to its exact build, the lock's hash, and the file conda installs.</summary>
    public EnvSpec Pin(EnvSpec spec, string lockHash) => spec with
    {
        CondaPackages = Lock.Packages
            .Where(p => p.Name != "python")
            .Select(p => new CondaRequirement(p.Name, $"=={p.Version} {p.Build}", null))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray(),
        CondaLockFile = Current,
        LockHash = lockHash,
    };
}
