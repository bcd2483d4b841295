using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Spec;

/// <summary>Validates <c>CondaPackage</c> items and assigns each to its conda env.</summary>
internal static class CondaPackageValidator
{
    public static Dictionary<string, List<CondaRequirement>> Validate(
        IReadOnlyList<CondaPackageDeclaration> packages,
        IReadOnlyList<EnvDeclaration> declaredEnvs,
        IReadOnlyDictionary<string, EnvKind> acceptedEnvs,
        List<SpecError> errors)
    {
        var byEnv = new Dictionary<string, List<CondaRequirement>>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in packages)
        {
            var quotedName = InputQuote.Shorten(package.Name);
            var name = package.Name.Trim().ToLowerInvariant();
            if (!CondaSpecTranslator.IsValidName(name))
            {
                errors.Add(new(ErrorCodes.InvalidPackageName,
                    $"CondaPackage '{quotedName}' is not a valid conda package name: use letters, digits, '.', '_', '+' or '-'.", package.DeclaredIn));
                continue;
            }

            if (!CondaSpecTranslator.TryTranslateVersion(package.Version, out var version, out var versionError))
            {
                errors.Add(new(ErrorCodes.InvalidVersion, $"CondaPackage '{quotedName}' has an invalid Version: {versionError}", package.DeclaredIn));
                continue;
            }

            if (PackagePlatforms.TryRead(package.Platforms, markers: null, out var platformProblem) is not { } appliesOn)
            {
                errors.Add(new(ErrorCodes.InvalidPackagePlatforms, $"CondaPackage '{quotedName}': {platformProblem}.", package.DeclaredIn));
                continue;
            }

            var channel = string.IsNullOrWhiteSpace(package.Channel) ? null : package.Channel.Trim();
            if (channel is not null && !CondaSpecTranslator.IsValidChannel(channel))
            {
                errors.Add(new(ErrorCodes.InvalidSetting,
                    $"CondaPackage '{quotedName}' has Channel=\"{InputQuote.Shorten(UrlRedactor.Redact(channel))}\", which is not a channel name or an http(s)/file URL.", package.DeclaredIn));
                continue;
            }

            if (!TryFindEnv(package, quotedName, declaredEnvs, errors, out var envName))
            {
                continue;
            }

            var env = acceptedEnvs.Keys.FirstOrDefault(k => string.Equals(k, envName, StringComparison.OrdinalIgnoreCase));
            if (env is null)
            {
                // The env itself was rejected; its own error already explains why.
                continue;
            }

            if (acceptedEnvs[env] != EnvKind.Conda)
            {
                errors.Add(new(ErrorCodes.UnsupportedDeclaration,
                    $"CondaPackage '{quotedName}' belongs to '{InputQuote.Shorten(env)}', a PythonEnv (a venv), which conda does not manage: declare it as a PipPackage, or make the env a <CondaEnv>.",
                    package.DeclaredIn));
                continue;
            }

            if (name == "python")
            {
                errors.Add(new(ErrorCodes.DuplicateDeclaration,
                    $"CondaPackage 'python' in '{InputQuote.Shorten(env)}': the env's Python version is its Python metadata (<CondaEnv Include=\"{InputQuote.Shorten(env)}\" Python=\"3.11\" />).",
                    package.DeclaredIn));
                continue;
            }

            var list = byEnv.TryGetValue(env, out var existing) ? existing : byEnv[env] = [];
            if (list.Any(p => p.Name == name))
            {
                errors.Add(new(ErrorCodes.DuplicateDeclaration, $"CondaPackage '{quotedName}' is declared more than once for environment '{env}'.", package.DeclaredIn));
                continue;
            }

            list.Add(new CondaRequirement(name, version, channel) { AppliesOn = appliesOn });
        }

        return byEnv;
    }

    private static bool TryFindEnv(CondaPackageDeclaration package, string quotedName, IReadOnlyList<EnvDeclaration> declaredEnvs, List<SpecError> errors, out string envName)
    {
        envName = package.Env?.Trim() ?? string.Empty;
        if (envName.Length > 0)
        {
            var name = envName;
            if (declaredEnvs.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            errors.Add(new(ErrorCodes.UnknownEnv,
                $"CondaPackage '{quotedName}' has Env=\"{InputQuote.Shorten(package.Env)}\", but no environment of that name is declared.", package.DeclaredIn));
            return false;
        }

        var condaEnvs = declaredEnvs.Where(e => e.Kind == EnvKind.Conda).ToArray();
        if (condaEnvs.Length == 1)
        {
            envName = condaEnvs[0].Name;
            return true;
        }

        var why = condaEnvs.Length == 0
            ? "the project declares no CondaEnv; add <CondaEnv Include=\"name\" Python=\"3.11\" />"
            : $"the project declares {condaEnvs.Length} conda environments ({InputQuote.Shorten(string.Join(", ", condaEnvs.Select(e => e.Name)))}); add Env=\"...\" to say which";
        errors.Add(new(ErrorCodes.AmbiguousPackageEnv, $"CondaPackage '{quotedName}' names no Env and {why}.", package.DeclaredIn));
        return false;
    }
}
