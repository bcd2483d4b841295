using M1Env.Core.Python;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// How M1Env starts pip for an interpreter: from the interpreter's bundled pip wheel
/// (<see cref="BundledPip"/>; Python runs <c>pip-X.whl/pip</c> as a script), so resolving, installing
/// and repairing never depend on the pip inside the env, which the declaration may pin to any version
/// and a killed upgrade may leave half-changed. Where the interpreter bundles no usable wheel (a
/// conda Python without <c>ensurepip</c>), pip is the env's own (<c>-m pip</c>).
/// </summary>
/// <param name="Wheel">The bundled wheel pip runs from, or null for the env's own pip.</param>
public sealed record PipLauncher(string? Wheel)
{
    /// <summary>The env's own pip (<c>-m pip</c>).</summary>
    public static readonly PipLauncher EnvsOwn = new((string?)null);

    /// <summary>The bundled wheel of <paramref name="interpreter"/> (a venv's base interpreter, a conda env's own Python), or the env's own pip.</summary>
    public static PipLauncher For(PythonInterpreter? interpreter) =>
        interpreter is null ? EnvsOwn : new PipLauncher(BundledPip.Find(interpreter.Executable, interpreter.ParsedVersion));

    /// <summary>pip's arguments as this launcher starts it: <paramref name="arguments"/> begin with <c>-m pip</c>, which a wheel replaces with its <c>pip</c> script.</summary>
    public IReadOnlyList<string> Launch(IReadOnlyList<string> arguments) =>
        Wheel is null ? arguments : [Path.Combine(Wheel, "pip"), .. arguments.Skip(2)];

    /// <summary>For a script that imports pip itself (<see cref="ForeignMarkerScript"/>): the variables that put the wheel first on its path.</summary>
    public IReadOnlyDictionary<string, string?> ScriptEnvironment() =>
        Wheel is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { [ForeignMarkerScript.WheelVariableName] = Wheel };
}
