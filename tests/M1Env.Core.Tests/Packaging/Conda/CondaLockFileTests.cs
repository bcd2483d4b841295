using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Tests.Packaging.Conda;

public sealed class CondaLockFileTests
{
    private const string Md5A = "8209bbd08fb8c0d38e4aa8be4d13a521";
    private const string ShaA = "3063e8f80077dbacb14fd996f4939216e57ccf9134e3b7c303aa44f5e676d69d";
    private const string Md5B = "bdadccd000451c75fc1f383166fafe58";

    private static CondaLock Sample() => new(
        "demo",
        "osx-arm64",
        ["python 3.11.*", "pkgb"],
        [
            new CondaLockedPackage("pkga", "2.0", "h0_0", "https://conda.example.org/ch/noarch/pkga-2.0-h0_0.tar.bz2", Md5A, ShaA),
            new CondaLockedPackage("pkgb", "1.0", "h0_0", "https://conda.example.org/ch/noarch/pkgb-1.0-h0_0.conda", Md5B, null),
        ]);

    [Fact]
    public void The_file_is_a_conda_explicit_file_with_a_header_and_no_time_stamp()
    {
        Assert.Equal(
            "# M1Env conda lock for env 'demo'\n" +
            "# platform: osx-arm64\n" +
            "# declared:\n" +
            "#   pkgb\n" +
            "#   python 3.11.*\n" +
            "# Install it with no solver: conda create -p PREFIX --file FILE (micromamba: -f FILE).\n" +
            "# Written by M1Env: change the declaration and lock again rather than editing it.\n" +
            "@EXPLICIT\n" +
            $"https://conda.example.org/ch/noarch/pkga-2.0-h0_0.tar.bz2#{Md5A}\n" +
            $"# sha256:{ShaA}\n" +
            $"https://conda.example.org/ch/noarch/pkgb-1.0-h0_0.conda#{Md5B}\n",
            CondaLockWriter.Write(Sample()));
    }

    [Fact]
    public void The_same_lock_gives_the_same_bytes_whatever_the_order_of_the_declared_specs()
    {
        var other = Sample() with { DeclaredSpecs = ["pkgb", "python 3.11.*", "pkgb"] };
        Assert.Equal(CondaLockWriter.Write(Sample()), CondaLockWriter.Write(other));

        using var temp = new M1Env.Testing.TempDirectory();
        var path = temp.Combine("demo.osx-arm64.conda-lock.txt");
        Assert.True(CondaLockWriter.WriteFile(Sample(), path));
        var written = File.ReadAllBytes(path);
        Assert.False(CondaLockWriter.WriteFile(other, path));
        Assert.Equal(written, File.ReadAllBytes(path));
        Assert.NotEqual(0xEF, written[0]);
    }

    [Fact]
    public void A_written_lock_reads_back_the_same_also_with_windows_line_ends()
    {
        var text = CondaLockWriter.Write(Sample());
        foreach (var variant in new[] { text, text.Replace("\n", "\r\n", StringComparison.Ordinal) })
        {
            var read = CondaLockReader.Read(variant, "demo.osx-arm64.conda-lock.txt");
            Assert.Equal(("demo", "osx-arm64"), (read.EnvName, read.Subdir));
            Assert.Equal(["pkgb", "python 3.11.*"], read.DeclaredSpecs);
            Assert.Equal(Sample().Packages, read.Packages);
            Assert.Equal(text, CondaLockWriter.Write(read));
        }
    }

    [Fact]
    public void Credentials_never_reach_the_file()
    {
        var secret = Sample() with
        {
            Packages =
            [
                new CondaLockedPackage("pkga", "2.0", "h0_0", "https://user:s3cret@conda.example.org/t/tk-123/ch/noarch/pkga-2.0-h0_0.tar.bz2", Md5A, null),
            ],
        };

        var text = CondaLockWriter.Write(secret);

        Assert.Contains($"https://conda.example.org/ch/noarch/pkga-2.0-h0_0.tar.bz2#{Md5A}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tk-123", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:pw@host/ch/noarch/a-1-0.conda", "https://host/ch/noarch/a-1-0.conda")]
    [InlineData("https://token@host/ch", "https://host/ch")]
    [InlineData("https://conda.anaconda.org/t/abc-123/private/osx-arm64/a-1-0.conda", "https://conda.anaconda.org/private/osx-arm64/a-1-0.conda")]
    [InlineData("file:///tmp/t/ch/noarch/a-1-0.conda", "file:///tmp/t/ch/noarch/a-1-0.conda")]
    [InlineData("https://host/ch/noarch/a-1-0.conda", "https://host/ch/noarch/a-1-0.conda")]
    public void Credentials_are_stripped_from_urls(string url, string expected)
    {
        Assert.Equal(expected, CondaLockUrl.WithoutCredentials(url));
        Assert.Equal(url != expected, CondaLockUrl.HasCredentials(url));
    }

    [Theory]
    [InlineData("@EXPLICIT\n", "lacks its header")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\n", "no @EXPLICIT")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\npkga\n@EXPLICIT\n", "(line 3)")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\n@EXPLICIT\nhttps://h/ch/noarch/pkga-2.0-0.tar.bz2\n", "has no MD5")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\n@EXPLICIT\nhttps://h/ch/noarch/pkga-2.0-0.tar.bz2#XYZ\n", "has no MD5")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\n@EXPLICIT\npkga==2.0\n", "is no package URL")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\n@EXPLICIT\n# sha256:" + ShaA + "\n", "must follow the line of its package")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\n@EXPLICIT\nhttps://h/ch/noarch/pkga-2.0-0.tar.bz2#" + Md5A + "\n# sha256:abc\n", "is no SHA-256")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\n@EXPLICIT\nhttps://h/ch/noarch/pkga-2.0-0.tar.bz2#" + Md5A + "\nhttps://h/ch/noarch/pkga-1.0-0.tar.bz2#" + Md5A + "\n", "named twice")]
    [InlineData("# M1Env conda lock for env 'demo'\n# platform: linux-64\n@EXPLICIT\nhttps://u:secretpw@h/ch/noarch/pkga-2.0-0.tar.bz2#" + Md5A + "\n", "holds credentials")]
    public void A_malformed_lock_is_a_coded_error_that_says_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<M1EnvException>(() => CondaLockReader.Read(text, "demo.linux-64.conda-lock.txt"));

        Assert.Equal(ErrorCodes.LockFileInvalid, error.Code);
        Assert.Contains("demo.linux-64.conda-lock.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secretpw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_coded_error()
    {
        Assert.Equal(ErrorCodes.LockFileInvalid, Assert.Throws<M1EnvException>(() => CondaLockReader.ReadFile("/nonexistent/demo.linux-64.conda-lock.txt")).Code);
    }

    [Fact]
    public void The_file_name_is_the_env_then_the_subdir()
    {
        Assert.Equal("demo.osx-arm64.conda-lock.txt", CondaLock.FileName("demo", "osx-arm64"));
    }
}
