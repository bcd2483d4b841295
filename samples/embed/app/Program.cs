using Python.Runtime;

// The two lines that hand the env to pythonnet: its libpython, and its interpreter (from which
// Python finds the venv's pyvenv.cfg, and so its site-packages).
Runtime.PythonDLL = M1EnvInfo.PythonLibrary;
PythonEngine.ProgramName = M1EnvInfo.Python;

PythonEngine.Initialize();
using (Py.GIL())
{
    dynamic sys = Py.Import("sys");
    dynamic units = Py.Import("m1env_units");
    Console.WriteLine($"Python {sys.version.split()[0]} in {sys.prefix}");
    Console.WriteLine($"m1env_units says 3 GiB is {units.human_bytes(3L * 1024 * 1024 * 1024)}");
}

// Without it the Python runtime keeps the process alive after Main returns.
PythonEngine.Shutdown();
