using System.Text;
using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Tests.Packaging.Pep751;

public sealed class PyLockWriterTests
{
    [Fact]
    public void A_lock_of_no_package_still_has_the_packages_key_PEP_751_requires_and_reads_back()
    {
        var empty = new PyLock([], null, [], new PyLockM1EnvTool("demo", [], ["linux-x64"]));

        var text = PyLockWriter.Write(empty);

        Assert.Contains("\npackages = []\n", text, StringComparison.Ordinal);
        Assert.Empty(PyLockReader.Parse(text, "pylock.demo.toml").Packages);
    }

    [Fact]
    public void Writes_the_keys_in_PEP_751_order_with_sorted_packages_and_wheels()
    {
        var text = PyLockWriter.Write(LockSamples.Numpy());

        Assert.Equal(
            """
            lock-version = "1.0"
            environments = ["sys_platform == 'darwin'", "sys_platform == 'linux'", "sys_platform == 'win32'"]
            requires-python = ">=3.11"
            extras = []
            dependency-groups = []
            created-by = "m1env"

            [[packages]]
            name = "colorama"
            version = "0.4.6"
            marker = "sys_platform == 'win32'"

            [[packages.wheels]]
            name = "colorama-0.4.6-py2.py3-none-any.whl"
            upload-time = 2025-01-25T11:30:10.164985Z
            url = "https://files.example.org/packages/colorama-0.4.6-py2.py3-none-any.whl"
            size = 1234
            hashes = { sha256 = "2222222222222222222222222222222222222222222222222222222222222222" }

            [[packages]]
            name = "numpy"
            version = "2.2.3"
            requires-python = ">=3.10"
            index = "https://pypi.org/simple/"

            [packages.sdist]
            name = "numpy-2.2.3.tar.gz"
            url = "https://files.example.org/packages/numpy-2.2.3.tar.gz"
            size = 20000
            hashes = { sha256 = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" }

            [[packages.wheels]]
            name = "numpy-2.2.3-cp311-cp311-macosx_14_0_arm64.whl"
            upload-time = 2025-01-25T11:30:10.164985Z
            url = "https://files.example.org/packages/numpy-2.2.3-cp311-cp311-macosx_14_0_arm64.whl"
            size = 1234
            hashes = { sha256 = "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd" }

            [[packages.wheels]]
            name = "numpy-2.2.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
            upload-time = 2025-01-25T11:30:10.164985Z
            url = "https://files.example.org/packages/numpy-2.2.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
            size = 1234
            hashes = { sha256 = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee" }

            [[packages.wheels]]
            name = "numpy-2.2.3-cp311-cp311-win_amd64.whl"
            upload-time = 2025-01-25T11:30:10.164985Z
            url = "https://files.example.org/packages/numpy-2.2.3-cp311-cp311-win_amd64.whl"
            size = 1234
            hashes = { sha256 = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" }

            [[packages]]
            name = "requests"
            version = "2.32.3"
            dependencies = [{ name = "urllib3" }]
            index = "https://pypi.org/simple/"

            [[packages.wheels]]
            name = "requests-2.32.3-py3-none-any.whl"
            upload-time = 2025-01-25T11:30:10.164985Z
            url = "https://files.example.org/packages/requests-2.32.3-py3-none-any.whl"
            size = 1234
            hashes = { sha256 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }

            [[packages]]
            name = "urllib3"
            version = "2.3.0"

            [[packages.wheels]]
            name = "urllib3-2.3.0-py3-none-any.whl"
            upload-time = 2025-01-25T11:30:10.164985Z
            url = "https://files.example.org/packages/urllib3-2.3.0-py3-none-any.whl"
            size = 1234
            hashes = { sha256 = "1111111111111111111111111111111111111111111111111111111111111111" }

            [tool.m1env]
            env = "default"
            requirements = ["numpy>=2", "requests"]
            platforms = ["linux-x64", "osx-arm64", "win-x64"]

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void The_same_lock_gives_the_same_bytes_whatever_the_input_order()
    {
        var lockFile = LockSamples.Numpy();
        var shuffled = lockFile with
        {
            Packages = lockFile.Packages.Reverse().Select(p => p with { Wheels = p.Wheels.Reverse().ToArray() }).ToArray(),
            Environments = lockFile.Environments.Reverse().ToArray(),
        };

        var first = PyLockWriter.WriteBytes(lockFile);
        Assert.Equal(first, PyLockWriter.WriteBytes(LockSamples.Numpy()));
        Assert.Equal(first, PyLockWriter.WriteBytes(shuffled));
        Assert.Equal(PyLock.ContentHash(first), PyLock.ContentHash(PyLockWriter.WriteBytes(shuffled)));
    }

    [Fact]
    public void Bytes_are_UTF8_without_BOM_with_line_feeds_and_a_final_newline()
    {
        var lockFile = LockSamples.Numpy() with { Environments = ["platform_release == 'é'"] };

        var bytes = PyLockWriter.WriteBytes(lockFile);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.NotEqual((byte)'\n', bytes[^2]);
        Assert.Contains("'é'", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_sort_by_PEP_440_and_markers_break_ties()
    {
        var lockFile = new PyLock([], null,
        [
            new PyLockPackage("a", "10.0", [LockSamples.Wheel("a-10.0-py3-none-any.whl")]),
            new PyLockPackage("a", "9.0", [LockSamples.Wheel("a-9.0-py3-none-any.whl")]) { Marker = "sys_platform == 'win32'" },
            new PyLockPackage("a", "9.0", [LockSamples.Wheel("a-9.0-py3-none-any.whl")]),
        ], null);

        var text = PyLockWriter.Write(lockFile);

        var nine = text.IndexOf("version = \"9.0\"\n[", StringComparison.Ordinal);
        var nineWithMarker = text.IndexOf("marker = \"sys_platform == 'win32'\"", StringComparison.Ordinal);
        var ten = text.IndexOf("version = \"10.0\"", StringComparison.Ordinal);
        Assert.True(nine < nineWithMarker && nineWithMarker < ten, text);
    }

    [Fact]
    public void WriteFile_leaves_an_unchanged_file_alone()
    {
        using var folder = new M1Env.Testing.TempDirectory();
        var path = folder.Combine("pylock.toml");
        var bytes = PyLockWriter.WriteFile(path, LockSamples.Numpy());
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));

        PyLockWriter.WriteFile(path, LockSamples.Numpy());

        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path));
    }
}
