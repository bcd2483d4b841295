using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace M1Env.Testing.Tests;

/// <summary>The python-build-standalone archive made from a pyenv CPython 3.11, unpacked and run as real processes.</summary>
public sealed class PythonBuildStandaloneArchiveTests
{
    private const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;

    private const UnixFileMode RegularMode = (UnixFileMode)0b110_100_100;

    // Prints sys.prefix, then every file mapped into the process once the usual extension modules are loaded.
    private const string MappedFilesScript = """
        import sys, json, hashlib, ctypes, ssl, sqlite3
        print(sys.prefix)
        for line in open('/proc/self/maps'):
            parts = line.split(None, 5)
            if len(parts) == 6 and parts[5].startswith('/'):
                print(parts[5].strip())
        """;

    [RelocatablePythonFact]
    public async Task Archive_lays_out_an_install_only_build_under_python_with_modes_links_and_a_relative_runpath()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();

        var tar = TarArchive.ReadGzip(archive.Bytes);
        var names = tar.Names.ToHashSet(StringComparer.Ordinal);
        Assert.All(names, name => Assert.StartsWith("python/", name, StringComparison.Ordinal));
        Assert.Equal((TarEntryType.RegularFile, ExecutableMode), (tar.Entry("python/bin/python3.11").Type, tar.Entry("python/bin/python3.11").Mode));
        Assert.Equal(("python3.11", "python3.11"), (tar.Entry("python/bin/python3").LinkName, tar.Entry("python/bin/python").LinkName));
        Assert.Equal(TarEntryType.RegularFile, tar.Entry("python/lib/libpython3.11.so.1.0").Type);
        Assert.Equal("libpython3.11.so.1.0", tar.Entry("python/lib/libpython3.11.so").LinkName);
        Assert.Equal(RegularMode, tar.Entry("python/lib/python3.11/os.py").Mode);
        Assert.Equal(TarEntryType.Directory, tar.Entry("python/lib/python3.11/").Type);
        Assert.DoesNotContain(names, name =>
            name.Contains("/__pycache__/", StringComparison.Ordinal)
            || new[] { "test/", "idlelib/", "tkinter/", "turtledemo/", "config-" }
                .Any(folder => name.StartsWith("python/lib/python3.11/" + folder, StringComparison.Ordinal)));
        var sitePackages = names
            .Where(name => name.StartsWith("python/lib/python3.11/site-packages/", StringComparison.Ordinal) && !name.EndsWith('/'))
            .Select(name => name["python/lib/python3.11/site-packages/".Length..].Split('/')[0])
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(3, sitePackages.Count);
        Assert.Contains("pip", sitePackages);
        Assert.Contains("README.txt", sitePackages);
        Assert.Contains(sitePackages, name => name.StartsWith("pip-", StringComparison.Ordinal) && name.EndsWith(".dist-info", StringComparison.Ordinal));
        var executable = tar.Entry("python/bin/python3.11").Content;
        Assert.True(executable.AsSpan().IndexOf("\0$ORIGIN/../lib\0"u8) >= 0);
        Assert.True(executable.AsSpan().IndexOf(Encoding.UTF8.GetBytes(RelocatablePython.FindPyenvPrefix()!)) < 0);
    }

    [RelocatablePythonFact]
    public async Task Archive_is_built_once_hashed_and_named_as_a_release()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var python = await RelocatablePython.ProbeAsync(RelocatablePython.FindPyenvPrefix()!);

        Assert.Same(archive, await PythonBuildStandaloneArchive.GetAsync());
        Assert.StartsWith(PythonBuildStandaloneArchive.CacheRoot, archive.Path, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(archive.Path))), archive.Sha256);
        Assert.Equal(python.Version, archive.Version);
        Assert.Equal(
            $"cpython-{python.Version}+20260814-x86_64-unknown-linux-gnu-install_only.tar.gz",
            archive.FileNameFor("x86_64-unknown-linux-gnu", "20260814"));
    }

    [RelocatablePythonFact]
    public async Task Tampered_archive_changes_one_byte_of_one_standard_library_file_and_so_its_hash()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();

        var tampered = archive.Tampered();

        Assert.NotEqual(archive.Sha256, Convert.ToHexStringLower(SHA256.HashData(tampered)));
        var original = TarArchive.ReadGzip(archive.Bytes).Entries;
        var changed = TarArchive.ReadGzip(tampered).Entries;
        Assert.Equal(original.Select(entry => entry.Name), changed.Select(entry => entry.Name));
        var differing = original.Zip(changed).Where(pair => !pair.First.Content.SequenceEqual(pair.Second.Content)).ToArray();
        var (before, after) = Assert.Single(differing);
        Assert.Equal(archive.TamperedMember, before.Name);
        Assert.Equal(before.Content.Length, after.Content.Length);
        Assert.Single(before.Content.Zip(after.Content), bytes => bytes.First != bytes.Second);
    }

    [RelocatablePythonFact]
    public async Task Unpacked_in_two_folders_the_interpreter_runs_from_each_without_loading_the_source_install()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var source = RelocatablePython.FindPyenvPrefix()! + "/";
        using var first = new TempDirectory("m1env-pbs");
        using var second = new TempDirectory("m1env-pbs");

        foreach (var folder in new[] { first.Path, second.Path })
        {
            var home = Unpack(archive, folder);
            var result = await PythonProcess.RunAsync(Path.Combine(home, "bin", "python3"), ["-I", "-c", MappedFilesScript]);

            Assert.True(result.Succeeded, result.ToString());
            var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(home, lines[0]);
            var mapped = lines.Skip(1).ToArray();
            Assert.Contains(Path.Combine(home, "lib", "libpython3.11.so.1.0"), mapped);
            Assert.Contains(mapped, path => path.StartsWith(home + "/lib/python3.11/lib-dynload/", StringComparison.Ordinal));
            Assert.DoesNotContain(mapped, path => path.StartsWith(source, StringComparison.Ordinal));
        }
    }

    [RelocatablePythonFact]
    public async Task Unpacked_interpreter_makes_a_venv_whose_python_runs_and_runs_its_own_pip()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        using var temp = new TempDirectory("m1env-pbs");
        var home = Unpack(archive, temp.Path);
        var python = Path.Combine(home, "bin", "python3");
        var venv = temp.Combine("venv");

        var created = await PythonProcess.RunAsync(python, ["-m", "venv", "--without-pip", venv]);
        var inVenv = await PythonProcess.RunAsync(Path.Combine(venv, "bin", "python"), ["-c", "import sys; print(sys.prefix); print(sys.base_prefix)"]);
        var pip = await PythonProcess.RunAsync(python, ["-m", "pip", "--version"]);

        Assert.True(created.Succeeded, created.ToString());
        Assert.True(inVenv.Succeeded, inVenv.ToString());
        Assert.Equal([venv, home], inVenv.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.True(pip.Succeeded, pip.ToString());
        Assert.Contains($" from {home}/lib/python3.11/site-packages/pip ", pip.StandardOutput, StringComparison.Ordinal);
    }

    [RelocatablePythonFact]
    public async Task Served_archive_downloads_under_its_release_name_with_its_hash()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        await using var server = StaticFileServer.Start();
        using var client = new HttpClient();

        var url = archive.Serve(server, "20260814");
        var downloaded = await client.GetByteArrayAsync(new Uri(url));

        Assert.Equal($"{server.BaseUrl}python-mirror/{archive.FileNameFor(PythonBuildStandaloneArchive.PlatformTriple, "20260814")}", url);
        Assert.Equal(archive.Sha256, Convert.ToHexStringLower(SHA256.HashData(downloaded)));
    }

    /// <summary>Unpacks the archive into <paramref name="folder"/>; returns the install's home, <c>folder/python</c>.</summary>
    private static string Unpack(PythonBuildStandaloneArchive archive, string folder)
    {
        using (var gzip = new GZipStream(new MemoryStream(archive.Bytes, writable: false), CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: false);
        }

        return Path.Combine(folder, "python");
    }
}
