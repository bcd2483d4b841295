using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Tests.Packaging.Pep751;

/// <summary>Locks and hashes the lock tests share.</summary>
internal static class LockSamples
{
    public static string Hash(char digit) => new(digit, 64);

    public static PyLockArtifact Wheel(string fileName, char hash = 'a', string host = "https://files.example.org/packages/") =>
        new(fileName, host + fileName, Hash(hash), Size: 1234, UploadTime: new DateTimeOffset(2025, 1, 25, 11, 30, 10, TimeSpan.Zero).AddTicks(1649850));

    public static PyLock Numpy() => new(
        ["sys_platform == 'darwin'", "sys_platform == 'linux'", "sys_platform == 'win32'"],
        ">=3.11",
        [
            new PyLockPackage("requests", "2.32.3", [Wheel("requests-2.32.3-py3-none-any.whl", 'b')])
            {
                Dependencies = [new PyLockDependency("urllib3")],
                Index = "https://pypi.org/simple/",
            },
            new PyLockPackage("NumPy", "2.2.3",
            [
                Wheel("numpy-2.2.3-cp311-cp311-win_amd64.whl", 'c'),
                Wheel("numpy-2.2.3-cp311-cp311-macosx_14_0_arm64.whl", 'd'),
                Wheel("numpy-2.2.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", 'e'),
            ])
            {
                RequiresPython = ">=3.10",
                Index = "https://pypi.org/simple/",
                Sdist = new PyLockArtifact("numpy-2.2.3.tar.gz", "https://files.example.org/packages/numpy-2.2.3.tar.gz", Hash('f'), 20000),
            },
            new PyLockPackage("urllib3", "2.3.0", [Wheel("urllib3-2.3.0-py3-none-any.whl", '1')]),
            new PyLockPackage("colorama", "0.4.6", [Wheel("colorama-0.4.6-py2.py3-none-any.whl", '2')]) { Marker = "sys_platform == 'win32'" },
        ],
        new PyLockM1EnvTool("default", ["requests", "numpy>=2"], ["win-x64", "linux-x64", "osx-arm64"]));
}
