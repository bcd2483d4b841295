namespace M1Env.Core.Inspection;

/// <summary>Where things live inside a venv on this operating system.</summary>
public static class VenvLayout
{
    public static string PythonPath(string prefix) =>
        OperatingSystem.IsWindows()
            ? Path.Combine(prefix, "Scripts", "python.exe")
            : Path.Combine(prefix, "bin", "python");

    public static string ConfigPath(string prefix) => Path.Combine(prefix, "pyvenv.cfg");

    /// <summary>True when the prefix looks like a venv (it has pyvenv.cfg and an interpreter).</summary>
    public static bool LooksLikeVenv(string prefix) =>
        File.Exists(ConfigPath(prefix)) && File.Exists(PythonPath(prefix));
}
