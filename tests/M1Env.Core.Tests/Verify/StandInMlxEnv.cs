using M1Env.Testing;

namespace M1Env.Core.Tests.Verify;

/// <summary>
/// A venv of Debian's python3 (with its real NumPy, through the system site-packages) holding a
/// stand-in <c>mlx</c> package: <c>mlx.core</c> with just what the check script uses
/// (<c>default_device</c>, <c>array</c>, <c>matmul</c>, <c>eval</c>, <c>random.uniform</c>,
/// <c>metal.is_available</c>), computed by NumPy. Its arrays refuse <c>tolist()</c> until
/// <c>mx.eval</c> ran, so a check that forgets MLX is lazy fails. The check runs its interpreter with
/// <c>-I</c>, which ignores PYTHONPATH: the stand-in has to be installed in the env, as here.
/// </summary>
public sealed class StandInMlxEnv : IDisposable
{
    public const string DebianPython = "/usr/bin/python3";

    private const string Core = """
        import types
        import numpy

        __version__ = "0.32.0"


        class DeviceType:
            def __init__(self, name):
                self.name = name


        gpu = DeviceType("gpu")
        cpu = DeviceType("cpu")


        class Device:
            def __init__(self, type, index=0):
                self.type, self.index = type, index

            def __str__(self):
                return f"Device({self.type.name}, {self.index})"


        class array:
            def __init__(self, value, evaluated=True):
                self.value, self.evaluated = numpy.asarray(value, dtype=numpy.float32), evaluated

            def tolist(self):
                if not self.evaluated:
                    raise RuntimeError("stand-in mlx: tolist() before mx.eval()")
                return self.value.tolist()


        def default_device():
            return Device(gpu if ON_GPU else cpu)


        def matmul(a, b, stream=None):
            return array(a.value @ b.value, evaluated=False)


        def eval(*arrays):
            for each in arrays:
                each.evaluated = True


        metal = types.SimpleNamespace(is_available=lambda: ON_GPU)
        random = types.SimpleNamespace(uniform=lambda shape: array(numpy.random.rand(*shape), evaluated=False))
        """;

    private readonly TempDirectory folder = new("m1env-mlx");

    private StandInMlxEnv()
    {
    }

    /// <summary>The env's interpreter.</summary>
    public string Python => folder.Combine("venv", "bin", "python");

    /// <summary>A new env with the stand-in; null when Debian's python3 is not on this machine.</summary>
    public static async Task<StandInMlxEnv?> CreateAsync(StandInMlx behaviour)
    {
        if (!File.Exists(DebianPython))
        {
            return null; // Debian/Ubuntu's python3 with python3-numpy is what these tests run; .ci/run installs it.
        }

        var env = new StandInMlxEnv();
        var result = await ExternalCommand.RunAsync(DebianPython, ["-m", "venv", "--without-pip", "--system-site-packages", env.folder.Combine("venv")]);
        Assert.True(result.ExitCode == 0, result.Output);
        var sitePackages = Directory.GetDirectories(env.folder.Combine("venv", "lib"), "python3.*").Single();
        var core = Directory.CreateDirectory(Path.Combine(sitePackages, "site-packages", "mlx", "core")).FullName;
        File.WriteAllText(Path.Combine(core, "..", "__init__.py"), string.Empty);
        File.WriteAllText(Path.Combine(core, "__init__.py"), behaviour switch
        {
            StandInMlx.FailsToImport => "raise ImportError(\"dlopen(libmlx.dylib, 0x0002): Library not loaded: @rpath/libmlx.dylib\")\n",
            _ => $"ON_GPU = {(behaviour == StandInMlx.OnGpu ? "True" : "False")}\n" + Core,
        });
        return env;
    }

    public void Dispose() => folder.Dispose();
}
