using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Cache;

/// <summary>What one env puts into the cache key: its kind, its declared Python and the lock files a build reads.</summary>
/// <param name="PipLock">The env's PEP 751 lock under its standard name.</param>
/// <param name="FormerPipLock">The same lock under the name M1Env used before, read while only it is there; else null.</param>
/// <param name="CondaLockFile">A conda env's lock path (<c>NAME.conda-lock.txt</c>), from which each platform's file is named; null for a venv.</param>
/// <param name="LockPlatforms">M1EnvLockPlatforms: a conda env's files of these platforms (and this machine's) count.</param>
public sealed record CacheKeyInput(EnvKind Kind, PythonRequest Python, string PipLock, string? FormerPipLock, string? CondaLockFile, IReadOnlyList<string> LockPlatforms)
{
    /// <summary>The inputs of an env as a build validated it.</summary>
    public static CacheKeyInput Of(EnvSpec spec) => new(
        spec.Kind,
        spec.Python,
        spec.PipLockStandardFile ?? spec.PipLockFile,
        spec.PipLockStandardFile is null ? null : spec.PipLockFile,
        spec.Kind == EnvKind.Conda ? spec.LockFile : null,
        spec.Lock.Platforms);

    /// <summary>
    /// The inputs of declared envs, read as <see cref="SpecBuilder"/> reads them but without the rest of the
    /// spec: no prefix, no conda lookup, nothing in M1EnvToolsDir, so a fresh CI agent gets its key before it
    /// restores anything. Errors are those of the declaration that the key depends on.
    /// </summary>
    /// <param name="lockFile">M1EnvLockFile, or null.</param>
    /// <param name="lockPlatforms">M1EnvLockPlatforms.</param>
    public static (IReadOnlyList<CacheKeyInput> Inputs, IReadOnlyList<SpecError> Errors) FromDeclarations(
        IReadOnlyList<EnvDeclaration> envs, string projectDirectory, string? lockFile, IReadOnlyList<string> lockPlatforms)
    {
        var platforms = lockPlatforms.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var context = new SpecContext(projectDirectory, string.Empty, PackageSourceSettings.Default, string.Empty)
        {
            LockFile = string.IsNullOrWhiteSpace(lockFile) ? null : lockFile,
            Lock = LockSettings.Default with { Platforms = platforms },
        };
        var errors = new List<SpecError>();
        LockFiles.Validate(envs, context, errors);
        var inputs = new List<CacheKeyInput>();
        foreach (var env in envs)
        {
            if (EnvNames.Problem(env.Name) is { } problem)
            {
                errors.Add(new(ErrorCodes.InvalidEnvName, $"'{InputQuote.Shorten(env.Name)}' is not a valid environment name: {problem}.", env.DeclaredIn));
            }
            else if (!PythonRequest.TryParse(env.Python, out var python))
            {
                errors.Add(new(ErrorCodes.InvalidPythonRequest,
                    $"Python=\"{InputQuote.Shorten(env.Python)}\" on environment '{InputQuote.Shorten(env.Name)}' is not a version: use 3, 3.11 or 3.11.7.", env.DeclaredIn));
            }
            else
            {
                var pipLock = LockFiles.PipLockOf(env, context, envs.Count);
                inputs.Add(new CacheKeyInput(
                    env.Kind,
                    python,
                    pipLock.StandardName ?? pipLock.Current,
                    pipLock.StandardName is null ? null : pipLock.Current,
                    env.Kind == EnvKind.Conda ? LockFiles.PathOf(env, context, envs.Count) : null,
                    platforms));
            }
        }

        return errors.Count > 0 ? ([], errors) : (inputs, []);
    }

    /// <summary>The lock files that count, each with the name it has in the key, in a fixed order.</summary>
    internal IEnumerable<(string Name, string Path)> LockFilesIn(LockPlatform? current)
    {
        var pipLock = File.Exists(PipLock) || FormerPipLock is null || !File.Exists(FormerPipLock) ? PipLock : FormerPipLock;
        yield return ("pylock", pipLock);
        if (CondaLockFile is null)
        {
            yield break;
        }

        var platforms = LockPlatforms
            .Select(p => LockPlatform.TryParse(p, out var platform) ? platform : null)
            .OfType<LockPlatform>()
            .Append(current)
            .OfType<LockPlatform>()
            .Select(p => p.CondaSubdir)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var subdir in platforms)
        {
            yield return ("conda-lock " + subdir, CondaLock.PlatformPathOf(CondaLockFile, subdir));
        }
    }
}
