namespace M1Env.Testing.Tests;

public sealed class SupportTests
{
    [Fact]
    public void Temp_directory_is_new_and_unique_and_is_deleted_with_its_contents()
    {
        string path;
        using (var first = new TempDirectory())
        using (var second = new TempDirectory())
        {
            path = first.Path;
            Assert.NotEqual(first.Path, second.Path);
            Assert.Empty(Directory.EnumerateFileSystemEntries(path));
            Assert.StartsWith(Path.GetTempPath(), path, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(first.CreateSubdirectory("a/b"), "f.txt"), "x");
        }

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public async Task Python_finder_returns_a_cpython_3_11_that_has_venv_and_ensurepip()
    {
        var python = PythonFinder.Find();

        Assert.True(Path.IsPathFullyQualified(python), python);
        var probe = await PythonProcess.RunAsync(
            python,
            ["-c", "import sys, venv, ensurepip; print(sys.implementation.name, '%d.%d' % sys.version_info[:2])"]);
        Assert.Equal("cpython 3.11", probe.StandardOutput.Trim());
    }

    [Fact]
    public void Names_normalize_and_escape_as_pep_503_and_427_say()
    {
        Assert.Equal("friendly-bard", PythonNames.Normalize("Friendly._-Bard"));
        Assert.Equal("friendly_bard", PythonNames.EscapeForWheel("Friendly._-Bard"));
        Assert.True(PythonNames.TryParseWheelFileName("a_b-1.0-1-py3-none-any.whl", out var name, out var version));
        Assert.Equal(("a_b", "1.0"), (name, version));
        Assert.False(PythonNames.TryParseWheelFileName("a_b-1.0.tar.gz", out _, out _));
    }
}
