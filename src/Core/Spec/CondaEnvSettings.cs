using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Spec;

/// <summary>Validates what only a <c>CondaEnv</c> declares: its channels and whether it is named.</summary>
internal static class CondaEnvSettings
{
    public const string DefaultChannel = "conda-forge";

    public static bool TryRead(EnvDeclaration env, SpecContext context, List<SpecError> errors, out IReadOnlyList<string> channels, out bool named)
    {
        channels = [];
        named = false;
        var name = InputQuote.Shorten(env.Name);
        if (env.Kind != EnvKind.Conda)
        {
            if (env.Channels is not null || env.Named is not null)
            {
                errors.Add(new(ErrorCodes.InvalidSetting,
                    $"PythonEnv '{name}' has {(env.Channels is not null ? "Channels" : "Named")}, which only a CondaEnv takes: declare <CondaEnv Include=\"{name}\" /> for a conda env.",
                    env.DeclaredIn));
                return false;
            }

            return true;
        }

        var list = (env.Channels ?? DefaultChannel).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var invalid = list.FirstOrDefault(channel => !CondaSpecTranslator.IsValidChannel(channel));
        if (list.Length == 0 || invalid is not null)
        {
            errors.Add(new(ErrorCodes.InvalidSetting,
                $"Channels=\"{InputQuote.Shorten(UrlRedactor.Redact(env.Channels ?? string.Empty))}\" on CondaEnv '{name}' is not a ';'-list of channel names (conda-forge) or http(s)/file URLs.",
                env.DeclaredIn));
            return false;
        }

        if (!bool.TryParse(env.Named ?? "false", out named))
        {
            errors.Add(new(ErrorCodes.InvalidSetting, $"Named=\"{InputQuote.Shorten(env.Named)}\" on CondaEnv '{name}' is not true or false.", env.DeclaredIn));
            return false;
        }

        if (named && env.Prefix is not null)
        {
            errors.Add(new(ErrorCodes.InvalidSetting,
                $"CondaEnv '{name}' has both Named=\"true\" and a Prefix: a named env lives in conda's envs folder. Keep one of them.", env.DeclaredIn));
            return false;
        }

        if (named && context.NamedEnvsDirectory is null)
        {
            errors.Add(new(ErrorCodes.CondaNotFound,
                $"CondaEnv '{name}' is Named, but M1Env cannot tell where conda keeps its envs: set M1EnvCondaExe, or give the env a Prefix.", env.DeclaredIn));
            return false;
        }

        channels = list.Distinct(StringComparer.Ordinal).ToArray();
        return true;
    }
}
