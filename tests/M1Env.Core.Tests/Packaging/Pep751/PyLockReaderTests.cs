using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Tests.Packaging.Pep751;

public sealed class PyLockReaderTests
{
    private const string Minimal = """
        lock-version = "1.0"
        created-by = "other"

        [[packages]]
        name = "attrs"
        version = "25.1.0"

        [[packages.wheels]]
        url = "https://files.example.org/attrs-25.1.0-py3-none-any.whl"
        hashes = { sha256 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }
        """;

    [Fact]
    public void A_written_lock_reads_back_equal_and_writes_the_same_bytes()
    {
        var bytes = PyLockWriter.WriteBytes(LockSamples.Numpy());

        var read = PyLockReader.Parse(System.Text.Encoding.UTF8.GetString(bytes), "pylock.toml");

        Assert.Equal(bytes, PyLockWriter.WriteBytes(read));
        Assert.Equal("1.0", read.LockVersion);
        Assert.Equal("m1env", read.CreatedBy);
        var numpy = Assert.Single(read.Packages, p => p.Name == "numpy");
        Assert.Equal(3, numpy.Wheels.Count);
        Assert.Equal(LockSamples.Wheel("numpy-2.2.3-cp311-cp311-win_amd64.whl", 'c'), numpy.Wheels.Single(w => w.FileName.EndsWith("win_amd64.whl", StringComparison.Ordinal)));
        Assert.Equal("numpy-2.2.3.tar.gz", numpy.Sdist?.FileName);
        Assert.Equal(["numpy>=2", "requests"], read.M1Env!.Requirements);
        Assert.Equal(["linux-x64", "osx-arm64", "win-x64"], read.M1Env.Platforms);
    }

    [Fact]
    public void Reads_a_file_of_another_tool_with_inline_wheels_and_names_from_the_URL()
    {
        var read = PyLockReader.Parse("""
            lock-version = '1.0'
            requires-python = '==3.12.*'
            created-by = 'mousebender'

            [[packages]]
            name = 'Attrs'
            version = '25.1.0'
            wheels = [
              {upload-time = 2025-01-25T11:30:10.164985+00:00, url = 'https://files.example.org/fc/attrs-25.1.0-py3-none-any.whl', size = 63152, hashes = {sha256 = 'c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a'}},
            ]

            [tool.mousebender]
            run-on = 2025-03-06T12:28:57.760769
            """, "pylock.toml");

        var package = Assert.Single(read.Packages);
        Assert.Equal("attrs", package.Name);
        var wheel = Assert.Single(package.Wheels);
        Assert.Equal("attrs-25.1.0-py3-none-any.whl", wheel.FileName);
        Assert.Equal(63152, wheel.Size);
        Assert.Equal(new DateTimeOffset(2025, 1, 25, 11, 30, 10, TimeSpan.Zero).AddTicks(1649850), wheel.UploadTime);
        Assert.Null(read.M1Env);
    }

    [Fact]
    public void Hashes_are_read_in_lowercase()
    {
        var wheel = PyLockReader.Parse(Minimal, "pylock.toml").Packages[0].Wheels[0];

        Assert.Equal(new string('a', 64), wheel.Sha256);
    }

    [Theory]
    [InlineData("lock-version = \"2.0\"", "lock-version 2.0 is not supported")]
    [InlineData("lock-version = \"one\"", "is not a MAJOR.MINOR version")]
    [InlineData("lock-version = 1.0", "'lock-version' must be a string")]
    public void An_unsupported_lock_version_is_a_coded_error(string versionLine, string expected)
    {
        var text = Minimal.Replace("lock-version = \"1.0\"", versionLine, StringComparison.Ordinal);

        var error = Assert.Throws<M1EnvException>(() => PyLockReader.Parse(text, "/repo/pylock.toml"));

        Assert.Equal(ErrorCodes.LockFileInvalid, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("/repo/pylock.toml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_minor_version_is_read()
    {
        var read = PyLockReader.Parse(Minimal.Replace("\"1.0\"", "\"1.3\"", StringComparison.Ordinal), "pylock.toml");

        Assert.Equal("1.3", read.LockVersion);
    }

    [Theory]
    [InlineData("lock-version = \"1.0\"\n", "'lock-version'")]
    [InlineData("created-by = \"other\"\n", "'created-by'")]
    [InlineData("name = \"attrs\"\n", "'packages[0].name'")]
    [InlineData("hashes = { sha256 = \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\" }", "'packages[0].wheels[0].hashes'")]
    [InlineData("url = \"https://files.example.org/attrs-25.1.0-py3-none-any.whl\"\n", "'packages[0].wheels[0].url'")]
    public void A_missing_required_key_is_a_coded_error_naming_the_key_and_file(string removed, string key)
    {
        var text = Minimal.ReplaceLineEndings("\n").Replace(removed, string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<M1EnvException>(() => PyLockReader.Parse(text, "/repo/pylock.toml"));

        Assert.Equal(ErrorCodes.LockFileInvalid, error.Code);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("/repo/pylock.toml", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n", "'packages' is missing")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\n", "has no wheels and no sdist")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\n[[packages.wheels]]\nurl = \"u/a.whl\"\nhashes = { md5 = \"x\" }\n", "sha256' is missing")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\n[[packages.wheels]]\nurl = \"u/a.whl\"\nhashes = { sha256 = \"xyz\" }\n", "not 64 hexadecimal digits")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\npackages = 3\n", "must be an array of tables")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]\n", "not valid TOML")]
    [InlineData("lock-version = \"1.0\nnope", "not valid TOML")]
    [InlineData("", "'lock-version' is missing")]
    public void Invalid_files_are_coded_errors_never_raw_exceptions(string text, string expected)
    {
        var error = Assert.Throws<M1EnvException>(() => PyLockReader.Parse(text, "pylock.toml"));

        Assert.Equal(ErrorCodes.LockFileInvalid, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_file_system_error()
    {
        var error = Assert.Throws<M1EnvException>(() => PyLockReader.Read("/nonexistent/m1env/pylock.toml"));

        Assert.Equal(ErrorCodes.FileSystemError, error.Code);
    }
}
