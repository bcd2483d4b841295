using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Spec;

/// <summary>Where each env's lock file lives, and the checks on the lock properties.</summary>
internal static class LockFiles
{
    /// <summary>
    /// The env's <c>LockFile</c> metadata, else M1EnvLockFile when the project declares only this env,
    /// else beside the project: <c>pylock.NAME.toml</c> (PEP 751's name for a named lock, see
    /// <see cref="PyLockNames"/>) for a venv, <c>NAME.conda-lock.txt</c> for a conda env, whose platforms
    /// each get their own <c>NAME.SUBDIR.conda-lock.txt</c> from it.
    /// </summary>
    public static string PathOf(EnvDeclaration env, SpecContext context, int envCount)
    {
        var byDefault = env.Kind == EnvKind.Conda ? env.Name + CondaLock.FileSuffix : PyLockNames.FileNameOf(env.Name);
        return Path.GetFullPath(DeclaredPathOf(env, context, envCount) ?? byDefault, context.ProjectDirectory);
    }

    /// <summary>The PEP 751 lock of the env's pip packages: the lock file itself for a venv; <c>pylock.NAME.toml</c> in the folder of a conda env's lock.</summary>
    public static string PipLockPathOf(EnvDeclaration env, SpecContext context, int envCount)
    {
        var path = PathOf(env, context, envCount);
        return env.Kind == EnvKind.Conda ? Path.Combine(Path.GetDirectoryName(path)!, PyLockNames.FileNameOf(env.Name)) : path;
    }

    /// <summary>
    /// Where the env's pip lock is now: under its PEP 751 name, or, while only a lock under the name
    /// M1Env used before is there (the env's name with its dots), under that one, which a build then
    /// renames (<see cref="EnvSpec.PipLockStandardFile"/>). A name the project declares is never changed.
    /// </summary>
    public static PipLockLocation PipLockOf(EnvDeclaration env, SpecContext context, int envCount)
    {
        var standard = PipLockPathOf(env, context, envCount);
        var former = PyLockNames.FormerFileNameOf(env.Name) is { } name && (env.Kind == EnvKind.Conda || DeclaredPathOf(env, context, envCount) is null)
            ? Path.Combine(Path.GetDirectoryName(standard)!, name)
            : null;
        return former is not null && !File.Exists(standard) && File.Exists(former)
            ? new PipLockLocation(former, standard)
            : new PipLockLocation(standard, null);
    }

    private static string? DeclaredPathOf(EnvDeclaration env, SpecContext context, int envCount) =>
        env.LockFile ?? (envCount == 1 ? context.LockFile : null);

    public static void Validate(IReadOnlyList<EnvDeclaration> envs, SpecContext context, List<SpecError> errors)
    {
        var unknown = context.Lock.Platforms.Where(p => !LockPlatform.TryParse(p, out _)).ToArray();
        if (unknown.Length > 0)
        {
            errors.Add(new(ErrorCodes.InvalidSetting,
                $"M1EnvLockPlatforms names {InputQuote.Shorten(string.Join(", ", unknown))}, which M1Env does not know; use {LockPlatform.KnownNames}."));
        }

        if (context.LockFile is not null && envs.Count > 1)
        {
            errors.Add(new(ErrorCodes.InvalidSetting,
                "M1EnvLockFile names one lock file, but the project declares several environments: give each its own with LockFile=\"...\" metadata."));
        }

        var seen = new Dictionary<string, string>(PathIdentity.Comparer);
        foreach (var env in envs)
        {
            // A venv's pip lock is its lock; a conda env's sits beside its conda locks, where another env's may be.
            var paths = env.Kind == EnvKind.Conda
                ? new[] { PathOf(env, context, envs.Count), PipLockPathOf(env, context, envs.Count) }
                : [PathOf(env, context, envs.Count)];
            foreach (var path in paths)
            {
                if (seen.TryGetValue(path, out var other))
                {
                    errors.Add(new(ErrorCodes.DuplicateDeclaration, SharedLockMessage(other, env.Name, path), env.DeclaredIn));
                    break;
                }
                else
                {
                    seen[path] = env.Name;
                }
            }
        }
    }

    private static string SharedLockMessage(string first, string second, string path)
    {
        var mapped = !string.Equals(first, second, StringComparison.OrdinalIgnoreCase)
            && string.Equals(PyLockNames.FileNameOf(first), Path.GetFileName(path), StringComparison.OrdinalIgnoreCase)
            && string.Equals(PyLockNames.FileNameOf(second), Path.GetFileName(path), StringComparison.OrdinalIgnoreCase);
        var why = mapped ? " (PEP 751 allows no dot in a lock's name, so M1Env writes each '.' of an env name as '-')" : string.Empty;
        return $"The environments '{InputQuote.Shorten(first)}' and '{InputQuote.Shorten(second)}' share the lock file {InputQuote.Shorten(path)}{why}; rename one of them, or give one of them another LockFile.";
    }
}
