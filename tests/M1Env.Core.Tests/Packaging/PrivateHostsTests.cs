using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Tests.Packaging.Pep751;

namespace M1Env.Core.Tests.Packaging;

public sealed class PrivateHostsTests
{
    [Theory]
    [InlineData("https://user:token@files.example.org/p/a-1.0-py3-none-any.whl", "https://files.example.org/p/a-1.0-py3-none-any.whl")]
    [InlineData("https://__token__@files.example.org:8443/p/a%2Bb.whl", "https://files.example.org:8443/p/a%2Bb.whl")]
    [InlineData("https://files.example.org/p/a.whl#sha256=abc", "https://files.example.org/p/a.whl#sha256=abc")]
    [InlineData("wheels/a-1.0-py3-none-any.whl", "wheels/a-1.0-py3-none-any.whl")]
    public void User_info_is_dropped_and_the_rest_kept_exactly(string url, string expected) =>
        Assert.Equal(expected, PrivateHosts.Sanitize(url, []));

    [Theory]
    [InlineData("pkgs.corp.example")]
    [InlineData("PKGS.corp.example")]
    [InlineData("pkgs.corp.example:8443")]
    [InlineData("https://pkgs.corp.example/simple/")]
    public void A_private_host_becomes_its_placeholder_however_it_is_listed(string listed)
    {
        var sanitized = PrivateHosts.Sanitize("http://me:secret@pkgs.corp.example:8080/packages/a-1.0-py3-none-any.whl", [listed]);

        Assert.Equal($"https://{PrivateHosts.PlaceholderFor("pkgs.corp.example")}/packages/a-1.0-py3-none-any.whl", sanitized);
        Assert.Matches(@"^https://m1env-private-[0-9a-f]{12}\.invalid/", sanitized);
        Assert.DoesNotContain("corp", sanitized, StringComparison.Ordinal);
        Assert.True(PrivateHosts.HasPlaceholder(sanitized));
    }

    [Fact]
    public void Restore_takes_scheme_host_and_port_from_the_configured_index_with_that_host_but_not_its_credentials()
    {
        var sanitized = PrivateHosts.Sanitize("https://pkgs.corp.example/packages/a.whl", ["pkgs.corp.example", "other.corp.example"]);

        var restored = PrivateHosts.Restore(
            sanitized,
            ["https://pypi.org/simple/", "http://other.corp.example/simple/", "http://me:secret@pkgs.corp.example:8080/simple/"]);

        Assert.Equal("http://pkgs.corp.example:8080/packages/a.whl", restored);
    }

    [Fact]
    public void Restore_without_the_private_index_configured_is_a_coded_error()
    {
        var sanitized = PrivateHosts.Sanitize("https://pkgs.corp.example/packages/a.whl", ["pkgs.corp.example"]);

        var error = Assert.Throws<M1EnvException>(() => PrivateHosts.Restore(sanitized, ["https://pypi.org/simple/"]));

        Assert.Equal(ErrorCodes.LockFileInvalid, error.Code);
        Assert.Contains("M1EnvPipIndexUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_leaves_a_public_URL_alone() =>
        Assert.Equal("https://files.example.org/a.whl", PrivateHosts.Restore("https://files.example.org/a.whl", []));

    [Fact]
    public void The_writer_strips_credentials_and_private_hosts_from_every_URL()
    {
        var lockFile = new PyLock([], null,
        [
            new PyLockPackage("a", "1.0", [LockSamples.Wheel("a-1.0-py3-none-any.whl", 'a', "https://user:token@pkgs.corp.example/packages/")])
            {
                Index = "https://user:token@pkgs.corp.example/simple/",
                Sdist = new PyLockArtifact("a-1.0.tar.gz", "https://user:token@pkgs.corp.example/packages/a-1.0.tar.gz", LockSamples.Hash('b')),
            },
            new PyLockPackage("b", "1.0", [LockSamples.Wheel("b-1.0-py3-none-any.whl", 'c', "https://__token__:pypi-AgEIcHlwaS5vcmc@files.example.org/")]),
        ], null);

        var text = PyLockWriter.Write(lockFile, ["pkgs.corp.example"]);

        Assert.DoesNotContain("token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pypi-AgEI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("corp", text, StringComparison.Ordinal);
        var placeholder = PrivateHosts.PlaceholderFor("pkgs.corp.example");
        Assert.Contains($"index = \"https://{placeholder}/simple/\"", text, StringComparison.Ordinal);
        Assert.Contains($"url = \"https://{placeholder}/packages/a-1.0.tar.gz\"", text, StringComparison.Ordinal);
        Assert.Contains("url = \"https://files.example.org/b-1.0-py3-none-any.whl\"", text, StringComparison.Ordinal);
        Assert.Equal("https://pkgs.corp.example/packages/a-1.0-py3-none-any.whl",
            PrivateHosts.Restore(PyLockReader.Parse(text, "pylock.toml").Packages[0].Wheels[0].Url!, ["https://pkgs.corp.example/simple/"]));
    }
}
