namespace M1Env.Core.Python.Managed;

/// <summary>M1EnvPythonDownloads: whether M1Env may download a managed CPython, as uv's <c>python-downloads</c>.</summary>
public enum PythonDownloads
{
    Automatic,
    Never,
}
