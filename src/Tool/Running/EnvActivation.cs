using M1Env.Core.Spec;

namespace M1Env.Tool.Running;

/// <summary>
/// What activating an env changes, without a shell: its scripts folders first on PATH, VIRTUAL_ENV
/// (venv) or CONDA_PREFIX and CONDA_DEFAULT_ENV (conda), and no PYTHONHOME.
/// </summary>
internal static class EnvActivation
{
    /// <summary>The folders an activated env puts first on PATH, in order: where <c>pip</c>, <c>jupyter</c> and console scripts are.</summary>
    public static IReadOnlyList<string> ScriptFolders(EnvSpec spec, string python)
    {
        var beside = Path.GetDirectoryName(python)!;
        return spec.Kind == EnvKind.Conda && OperatingSystem.IsWindows()
            ? [spec.Prefix, Path.Combine(spec.Prefix, "Library", "bin"), Path.Combine(spec.Prefix, "Scripts")]
            : [beside];
    }

    public static IReadOnlyDictionary<string, string?> Variables(EnvSpec spec, IReadOnlyList<string> scriptFolders, string? path)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PATH"] = string.Join(Path.PathSeparator, [.. scriptFolders, .. string.IsNullOrEmpty(path) ? Array.Empty<string>() : [path]]),
            ["PYTHONHOME"] = null,
        };
        if (spec.Kind == EnvKind.Conda)
        {
            variables["CONDA_PREFIX"] = spec.Prefix;
            variables["CONDA_DEFAULT_ENV"] = spec.Name;
        }
        else
        {
            variables["VIRTUAL_ENV"] = spec.Prefix;
        }

        return variables;
    }
}
