namespace M1Env.Core.Python.Managed;

/// <summary>An installed managed CPython: a python-build-standalone build unpacked into M1Env's tools folder.</summary>
/// <param name="Home">The build's folder, holding <c>bin/</c> and <c>lib/</c> (on Windows <c>python.exe</c> and <c>Lib/</c>).</param>
/// <param name="Platform">The platform's name in M1Env (<c>LockPlatform.Name</c>).</param>
public sealed record ManagedPython(string Home, Version Version, string Platform)
{
    /// <summary>The interpreter: <c>bin/python3</c>, or <c>python.exe</c> on Windows.</summary>
    public string Executable => ManagedPythonLayout.Executable(Home, Platform);

    /// <summary>The shared libpython an embedding app loads (pythonnet's <c>Runtime.PythonDLL</c>).</summary>
    public string Library => ManagedPythonLayout.Library(Home, Platform, Version);

    public override string ToString() => $"CPython {Version} ({Platform}) in {Home}";
}
