using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.Pip;
using M1Env.Core.Paths;

namespace M1Env.Core.Spec;

/// <summary>Where each env's lock file lives, and the checks on the lock properties.</summary>
internal static class LockFiles
{
    /// <summary>
    /// The env's <c>LockFile</c> metadata, else M1EnvLockFile when the project declares only this env,
    /// else beside the project: <c>pylock.NAME.toml</c> (PEP 751's name for a named lock) for a venv,
    /// <c>NAME.conda-lock.txt</c> for a conda env, whose platforms each get their own
    /// <c>NAME.SUBDIR.conda-lock.txt</c> from it.
    /// </summary>
    public static string PathOf(EnvDeclaration env, SpecContext context, int envCount)
    {
        var declared = env.LockFile ?? (envCount == 1 ? context.LockFile : null);
        var byDefault = env.Kind == EnvKind.Conda ? env.Name + Lock.Conda.CondaLock.FileSuffix : $"pylock.{env.Name}.toml";
        return Path.GetFullPath(declared ?? byDefault, context.ProjectDirectory);
    }

    /// <summary>The PEP 751 lock of the env's pip packages: the lock file itself for a venv; <c>pylock.NAME.toml</c> in the folder of a conda env's lock.</summary>
    public static string PipLockPathOf(EnvDeclaration env, SpecContext context, int envCount)
    {
        var path = PathOf(env, context, envCount);
        return env.Kind == EnvKind.Conda ? Path.Combine(Path.GetDirectoryName(path)!, $"pylock.{env.Name}.toml") : path;
    }

    public static void Validate(IReadOnlyList<EnvDeclaration> envs, SpecContext context, List<SpecError> errors)
    {
        var unknown = context.Lock.Platforms.Where(p => !LockPlatform.TryParse(p, out _)).ToArray();
        if (unknown.Length > 0)
        {
            errors.Add(new(ErrorCodes.InvalidSetting,
                $"M1EnvLockPlatforms names {InputQuote.Shorten(string.Join(", ", unknown))}, which M1Env does not know; use {string.Join(", ", LockPlatform.All.Select(p => p.Name))}."));
        }

        if (context.LockFile is not null && envs.Count > 1)
        {
            errors.Add(new(ErrorCodes.InvalidSetting,
                "M1EnvLockFile names one lock file, but the project declares several environments: give each its own with LockFile=\"...\" metadata."));
        }

        var seen = new Dictionary<string, string>(PathIdentity.Comparer);
        foreach (var env in envs)
        {
            var path = PathOf(env, context, envs.Count);
            if (seen.TryGetValue(path, out var other))
            {
                errors.Add(new(ErrorCodes.DuplicateDeclaration,
                    $"The environments '{InputQuote.Shorten(other)}' and '{InputQuote.Shorten(env.Name)}' share the lock file {InputQuote.Shorten(path)}; give one of them another LockFile.", env.DeclaredIn));
            }
            else
            {
                seen[path] = env.Name;
            }
        }
    }
}
