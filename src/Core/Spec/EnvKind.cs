namespace M1Env.Core.Spec;

public enum EnvKind
{
    /// <summary>A plain venv made from a located CPython (<c>PythonEnv</c>).</summary>
    Venv,

    /// <summary>A conda environment (<c>CondaEnv</c>).</summary>
    Conda,
}
