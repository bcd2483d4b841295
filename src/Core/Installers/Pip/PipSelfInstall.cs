using M1Env.Core.Inspection;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// pip in an env that has none (a venv made without it, or one whose pip was deleted): pip then
/// runs from its interpreter's bundled wheel, and that run installs pip into the env too.
/// </summary>
internal static class PipSelfInstall
{
    /// <summary>The wheel pip runs from while the env has no pip of its own; null when it has one, or pip is declared (it is then installed at its pin).</summary>
    public static string? WheelWhileMissing(EnvSpec spec, PythonInterpreter? interpreter) =>
        interpreter is null || HasOwnPip(spec.Prefix) ? null : Wheel(spec, interpreter);

    /// <summary>The env's site-packages holds pip (the planner never removes it, but a user may).</summary>
    public static bool HasOwnPip(string prefix) => File.Exists(Path.Combine(EnvReader.SitePackagesOf(prefix) ?? prefix, "pip", "__init__.py"));

    /// <summary>The interpreter's pip wheel, unless the declaration pins pip itself (then pip comes from ensurepip, and the pin applies).</summary>
    public static string? Wheel(EnvSpec spec, PythonInterpreter interpreter) =>
        spec.PipPackages.Any(p => p.NormalizedName == "pip") ? null : BundledPip.Find(interpreter.Executable, interpreter.ParsedVersion);
}
