using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Packaging;
using M1Env.Core.Python;

namespace M1Env.Core.Spec;

/// <summary>
/// Validates declarations and turns them into canonical <see cref="EnvSpec"/>s. Every problem is
/// reported at once, before any process starts, so a bad edit never touches a working env.
/// </summary>
public static class SpecBuilder
{
    public static SpecBuildResult Build(
        IReadOnlyList<EnvDeclaration> envs,
        IReadOnlyList<PackageDeclaration> packages,
        SpecContext context) => Build(envs, packages, [], context);

    public static SpecBuildResult Build(
        IReadOnlyList<EnvDeclaration> envs,
        IReadOnlyList<PackageDeclaration> packages,
        IReadOnlyList<CondaPackageDeclaration> condaPackages,
        SpecContext context)
    {
        var errors = new List<SpecError>();
        var warnings = new List<SpecError>();
        var sources = ValidateSources(context, errors);
        LockFiles.Validate(envs, context, errors);
        var accepted = ValidateEnvs(envs, context, errors);
        var packagesByEnv = ValidatePackages(packages, envs, accepted, context, errors, warnings);
        var condaByEnv = CondaPackageValidator.Validate(condaPackages, envs, accepted.ToDictionary(e => e.Declaration.Name, e => e.Declaration.Kind, StringComparer.OrdinalIgnoreCase), errors);
        warnings.AddRange(condaPackages
            .Where(p => !string.IsNullOrWhiteSpace(p.Platforms))
            .Select(p => PackagePlatforms.TryRead(p.Platforms, null, out _) is { } on ? PlatformCoverage.Warning("CondaPackage", p.Name, on, context.Lock.Platforms, p.DeclaredIn) : null)
            .OfType<SpecError>());

        if (errors.Count > 0)
        {
            return new SpecBuildResult([], errors) { Warnings = warnings };
        }

        var specs = accepted
            .Select(env =>
            {
                var pipLock = LockFiles.PipLockOf(env.Declaration, context, envs.Count);
                var conda = condaByEnv.TryGetValue(env.Declaration.Name, out var condaList) ? condaList.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray() : [];
                var pipList = packagesByEnv.TryGetValue(env.Declaration.Name, out var list) ? list : [];
                var pip = (env.Jupyter ? JupyterKernelPackage.AddedTo(pipList, conda) : pipList).OrderBy(p => p.NormalizedName, StringComparer.Ordinal).ToArray();
                return new EnvSpec(
                    env.Declaration.Name,
                    env.Declaration.Kind,
                    env.Python,
                    env.Prefix,
                    pip.Where(p => PlatformCoverage.AppliesHere(p.AppliesOn, env.Python)).ToArray(),
                    sources)
                {
                    DeclaredPipPackages = pip,
                    CondaPackages = conda.Where(p => PlatformCoverage.AppliesHere(p.AppliesOn, env.Python)).ToArray(),
                    DeclaredCondaPackages = conda,
                    Channels = env.Channels,
                    Named = env.Named,
                    Jupyter = env.Jupyter,
                    // A venv's lock is its pip lock.
                    LockFile = env.Declaration.Kind == EnvKind.Venv ? pipLock.Current : LockFiles.PathOf(env.Declaration, context, envs.Count),
                    PipLockFile = pipLock.Current,
                    PipLockStandardFile = pipLock.StandardName,
                    Lock = context.Lock,
                };
            })
            .ToArray();
        return new SpecBuildResult(specs, []) { Warnings = warnings };
    }

    private static List<AcceptedEnv> ValidateEnvs(IReadOnlyList<EnvDeclaration> envs, SpecContext context, List<SpecError> errors)
    {
        var accepted = new List<AcceptedEnv>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new Dictionary<string, string>(PathIdentity.Comparer);
        var prefixRules = new PrefixRules(context);

        foreach (var env in envs)
        {
            var name = InputQuote.Shorten(env.Name);
            if (EnvNames.Problem(env.Name) is { } nameProblem)
            {
                errors.Add(new(ErrorCodes.InvalidEnvName, $"'{name}' is not a valid environment name: {nameProblem}.", env.DeclaredIn));
                continue;
            }

            if (!names.Add(env.Name))
            {
                errors.Add(new(ErrorCodes.DuplicateDeclaration, $"The environment '{name}' is declared more than once.", env.DeclaredIn));
                continue;
            }

            if (!PythonRequest.TryParse(env.Python, out var python))
            {
                errors.Add(new(ErrorCodes.InvalidPythonRequest,
                    $"Python=\"{InputQuote.Shorten(env.Python)}\" on environment '{name}' is not a version: use 3, 3.11 or 3.11.7.", env.DeclaredIn));
                continue;
            }

            if (!CondaEnvSettings.TryRead(env, context, errors, out var channels, out var named))
            {
                continue;
            }

            if (!bool.TryParse(env.Jupyter ?? "false", out var jupyter))
            {
                errors.Add(new(ErrorCodes.InvalidSetting, $"Jupyter=\"{InputQuote.Shorten(env.Jupyter)}\" on environment '{name}' is not true or false.", env.DeclaredIn));
                continue;
            }

            var prefix = named ? Path.Combine(context.NamedEnvsDirectory!, env.Name) : ResolvePrefix(env, context);
            var realPrefix = PathIdentity.RealPath(prefix);
            if (prefixRules.Problem(realPrefix) is { } prefixProblem)
            {
                var source = env.Prefix is null ? "M1EnvRoot + name" : $"Prefix=\"{InputQuote.Shorten(env.Prefix)}\"";
                errors.Add(new(ErrorCodes.PrefixNotAllowed,
                    $"Environment '{name}' cannot use the prefix '{InputQuote.Shorten(realPrefix)}' ({source}): it {prefixProblem}. Recreating an environment deletes its prefix, so give it a folder of its own, such as Prefix=\".m1env/{name}\".",
                    env.DeclaredIn));
                continue;
            }

            // Keyed by the real path: two spellings of one folder (a link and its target) are one prefix.
            if (prefixes.TryGetValue(realPrefix, out var other))
            {
                errors.Add(new(ErrorCodes.DuplicateDeclaration,
                    $"The environments '{other}' and '{name}' share the prefix '{InputQuote.Shorten(realPrefix)}'; give one of them another Prefix.", env.DeclaredIn));
                continue;
            }

            prefixes[realPrefix] = name;
            accepted.Add(new AcceptedEnv(env, python, prefix, channels, named, jupyter));
        }

        return accepted;
    }

    private static Dictionary<string, List<PipRequirement>> ValidatePackages(
        IReadOnlyList<PackageDeclaration> packages,
        IReadOnlyList<EnvDeclaration> declaredEnvs,
        List<AcceptedEnv> acceptedEnvs,
        SpecContext context,
        List<SpecError> errors,
        List<SpecError> warnings)
    {
        var byEnv = new Dictionary<string, List<PipRequirement>>(StringComparer.OrdinalIgnoreCase);
        var declaredNames = declaredEnvs.Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var canonicalNames = acceptedEnvs.ToDictionary(e => e.Declaration.Name, e => e.Declaration.Name, StringComparer.OrdinalIgnoreCase);

        foreach (var package in packages)
        {
            var quotedName = InputQuote.Shorten(package.Name);
            if (!PackageNames.TrySplitExtras(package.Name, out var name, out var extras))
            {
                errors.Add(new(ErrorCodes.InvalidPackageName,
                    $"PipPackage '{quotedName}' is not a valid distribution name (PEP 508): use letters, digits, '.', '_' or '-', optionally with extras such as jax[cpu].",
                    package.DeclaredIn));
                continue;
            }

            if (!PipVersionTranslator.TryTranslate(package.Version, out var specifier, out var versionError))
            {
                errors.Add(new(ErrorCodes.InvalidVersion, $"PipPackage '{quotedName}' has an invalid Version: {versionError}", package.DeclaredIn));
                continue;
            }

            if (PackagePlatforms.TryRead(package.Platforms, package.Markers, out var platformProblem) is not { } appliesOn)
            {
                errors.Add(new(ErrorCodes.InvalidPackagePlatforms, $"PipPackage '{quotedName}': {platformProblem}.", package.DeclaredIn));
                continue;
            }

            string envName;
            if (string.IsNullOrWhiteSpace(package.Env))
            {
                if (declaredEnvs.Count != 1)
                {
                    var why = declaredEnvs.Count == 0
                        ? "the project declares no environment; add <PythonEnv Include=\"name\" Python=\"3.11\" />"
                        : $"the project declares {declaredEnvs.Count} environments ({InputQuote.Shorten(string.Join(", ", declaredEnvs.Select(e => e.Name)))}); add Env=\"...\" to say which";
                    errors.Add(new(ErrorCodes.AmbiguousPackageEnv, $"PipPackage '{quotedName}' names no Env and {why}.", package.DeclaredIn));
                    continue;
                }

                envName = declaredEnvs[0].Name;
            }
            else if (!declaredNames.Contains(package.Env.Trim()))
            {
                errors.Add(new(ErrorCodes.UnknownEnv,
                    $"PipPackage '{quotedName}' has Env=\"{InputQuote.Shorten(package.Env)}\", but no environment of that name is declared.",
                    package.DeclaredIn));
                continue;
            }
            else
            {
                envName = package.Env.Trim();
            }

            if (!canonicalNames.TryGetValue(envName, out var canonicalEnv))
            {
                // The env itself was rejected; its own error already explains why.
                continue;
            }

            var requirement = new PipRequirement(name, extras, specifier) { AppliesOn = appliesOn };
            var list = byEnv.TryGetValue(canonicalEnv, out var existing) ? existing : byEnv[canonicalEnv] = [];
            if (list.Any(p => p.NormalizedName == requirement.NormalizedName))
            {
                errors.Add(new(ErrorCodes.DuplicateDeclaration,
                    $"PipPackage '{InputQuote.Shorten(name)}' is declared more than once for environment '{canonicalEnv}'.", package.DeclaredIn));
                continue;
            }

            list.Add(requirement);
            if (PlatformCoverage.Warning("PipPackage", name, appliesOn, context.Lock.Platforms, package.DeclaredIn) is { } warning)
            {
                warnings.Add(warning);
            }
        }

        return byEnv;
    }

    private static PackageSourceSettings ValidateSources(SpecContext context, List<SpecError> errors)
    {
        var sources = context.Sources;
        var indexUrls = new List<string>();
        if (!string.IsNullOrWhiteSpace(sources.IndexUrl))
        {
            indexUrls.Add(sources.IndexUrl);
        }

        indexUrls.AddRange(sources.ExtraIndexUrls);
        foreach (var url in indexUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "file"))
            {
                errors.Add(new(ErrorCodes.InvalidSetting,
                    $"'{InputQuote.Shorten(UrlRedactor.Redact(url))}' is not an absolute http(s) or file URL (M1EnvPipIndexUrl / M1EnvPipExtraIndexUrls)."));
            }
        }

        var findLinks = sources.FindLinks
            .Select(link => Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file"
                ? link
                : Path.GetFullPath(link, context.ProjectDirectory))
            .ToArray();

        return sources with
        {
            IndexUrl = string.IsNullOrWhiteSpace(sources.IndexUrl) ? null : sources.IndexUrl.Trim(),
            ExtraIndexUrls = sources.ExtraIndexUrls.Select(u => u.Trim()).ToArray(),
            FindLinks = findLinks,
        };
    }

    private static string ResolvePrefix(EnvDeclaration env, SpecContext context)
    {
        var prefix = string.IsNullOrWhiteSpace(env.Prefix)
            ? Path.Combine(Path.GetFullPath(context.EnvRoot, context.ProjectDirectory), env.Name)
            : Path.GetFullPath(env.Prefix, context.ProjectDirectory);
        return Path.TrimEndingDirectorySeparator(prefix);
    }

    private sealed record AcceptedEnv(EnvDeclaration Declaration, PythonRequest Python, string Prefix, IReadOnlyList<string> Channels, bool Named, bool Jupyter);
}
