namespace M1Env.Core.Python.Managed;

/// <summary>M1EnvPythonPreference: where a PythonEnv's interpreter comes from, as uv's <c>python-preference</c>.</summary>
public enum PythonPreference
{
    /// <summary>The machine's interpreters first, then managed builds (installed, then downloaded).</summary>
    System,

    /// <summary>Installed managed builds first, then the machine's, then a download.</summary>
    Managed,

    /// <summary>Managed builds only, installed or downloaded; the machine's interpreters are never used.</summary>
    OnlyManaged,
}
