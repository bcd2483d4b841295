using System.Formats.Tar;
using System.Text;

namespace M1Env.Testing.Tests;

/// <summary>The python and pip packages repacked from a pyenv CPython 3.11; no conda needed.</summary>
public sealed class CondaPythonPackagesTests
{
    [RelocatablePythonFact]
    public async Task Python_package_holds_interpreter_and_standard_library_without_tests_caches_or_static_libraries()
    {
        var packages = await CondaPythonPackages.GetAsync();

        var record = packages.Python.Record;
        Assert.Equal(("python", CondaPythonRepack.PythonBuild, CondaSubdir.Current, CondaNoarch.None), (record.Name, record.Build, record.Subdir, record.Noarch));
        Assert.StartsWith("3.11.", record.Version, StringComparison.Ordinal);
        var archive = TarArchive.ReadBzip2(packages.Python.Path);
        var names = archive.Names.ToHashSet(StringComparer.Ordinal);
        Assert.Contains("bin/python3.11", names);
        Assert.Equal("python3.11", archive.Entry("bin/python3").LinkName);
        Assert.Equal(TarEntryType.SymbolicLink, archive.Entry("bin/python").Type);
        Assert.Contains("lib/python3.11/os.py", names);
        Assert.Contains(names, name => name.StartsWith("lib/python3.11/ensurepip/_bundled/pip-", StringComparison.Ordinal));
        Assert.DoesNotContain(names, name =>
            name.Contains("/__pycache__/", StringComparison.Ordinal) || name.EndsWith(".a", StringComparison.Ordinal)
            || name.StartsWith("lib/python3.11/test/", StringComparison.Ordinal)
            || name.StartsWith("lib/python3.11/idlelib/", StringComparison.Ordinal)
            || name.StartsWith("lib/python3.11/tkinter/", StringComparison.Ordinal)
            || name.StartsWith("lib/python3.11/config-", StringComparison.Ordinal)
            || name.StartsWith("include/", StringComparison.Ordinal));
        Assert.Equal(
            ["lib/python3.11/site-packages/README.txt"],
            names.Where(name => name.StartsWith("lib/python3.11/site-packages/", StringComparison.Ordinal)));
    }

    [RelocatablePythonFact]
    public async Task Text_files_with_the_build_prefix_declare_it_and_binaries_load_libpython_relative_to_themselves()
    {
        var packages = await CondaPythonPackages.GetAsync();
        var python = await RelocatablePython.ProbeAsync(RelocatablePython.FindPyenvPrefix()!);

        var archive = TarArchive.ReadBzip2(packages.Python.Path);
        var placeholder = Encoding.UTF8.GetBytes(python.BuildPrefix);
        var hasPrefix = archive.Text("info/has_prefix").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var textWithPrefix = archive.Entries
            .Where(entry => !entry.Name.StartsWith("info/", StringComparison.Ordinal) && entry.Type == TarEntryType.RegularFile)
            .Where(entry => !entry.Content.Contains((byte)0) && entry.Content.AsSpan().IndexOf(placeholder) >= 0)
            .Select(entry => $"{python.BuildPrefix} text {entry.Name}")
            .ToArray();
        Assert.Contains(hasPrefix, line => line.Contains("/_sysconfigdata_", StringComparison.Ordinal));
        Assert.Equal(textWithPrefix.Order(StringComparer.Ordinal), hasPrefix.Order(StringComparer.Ordinal));
        var executable = archive.Entry("bin/python3.11").Content;
        if (executable.AsSpan().StartsWith("\u007fELF"u8))
        {
            Assert.True(executable.AsSpan().IndexOf("\0$ORIGIN/../lib\0"u8) >= 0);
            Assert.True(executable.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\0{python.BuildPrefix}/lib\0")) < 0);
        }
    }

    [RelocatablePythonFact]
    public async Task Pip_package_is_noarch_python_with_its_dist_info_and_console_scripts()
    {
        var packages = await CondaPythonPackages.GetAsync();

        var record = packages.Pip.Record;
        Assert.Equal(("pip", CondaNoarch.Python, CondaSubdir.Noarch), (record.Name, record.Noarch, record.Subdir));
        Assert.Equal(["python >=3.7"], record.Depends);
        var archive = TarArchive.ReadBzip2(packages.Pip.Path);
        Assert.Contains("site-packages/pip/__main__.py", archive.Names);
        Assert.Contains($"site-packages/pip-{record.Version}.dist-info/RECORD", archive.Names);
        Assert.DoesNotContain(archive.Names, name => name.Contains("__pycache__", StringComparison.Ordinal));
        using var link = archive.Json("info/link.json");
        var entryPoints = link.RootElement.GetProperty("noarch").GetProperty("entry_points").EnumerateArray().Select(e => e.GetString());
        Assert.Contains("pip = pip._internal.cli.main:main", entryPoints);
    }

    [RelocatablePythonFact]
    public async Task A_second_request_takes_the_cached_packages()
    {
        var first = await CondaPythonPackages.GetAsync();

        var second = await CondaPythonPackages.GetAsync();

        Assert.Equal(first, second);
        Assert.StartsWith(CondaPythonPackages.CacheRoot, first.Python.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_scripts_come_from_their_section_of_entry_points_txt_only()
    {
        string[] lines = ["[console_scripts]", "pip = pip._internal.cli.main:main", "pip3=pip._internal.cli.main:main", "", "[other]", "x = y:z"];

        Assert.Equal(["pip = pip._internal.cli.main:main", "pip3 = pip._internal.cli.main:main"], CondaPythonRepack.ConsoleScripts(lines));
    }
}
