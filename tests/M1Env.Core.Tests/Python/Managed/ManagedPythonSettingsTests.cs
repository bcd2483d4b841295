using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Python.Managed;

namespace M1Env.Core.Tests.Python.Managed;

public sealed class ManagedPythonSettingsTests
{
    private static readonly string Sha = new('a', 64);

    [Fact]
    public void The_defaults_are_the_machine_s_python_first_and_downloads_allowed()
    {
        var settings = ManagedPythonSettings.FromText("/tools", null, " ", null, null, null, TimeSpan.FromMinutes(1));

        Assert.Equal(PythonPreference.System, settings.Preference);
        Assert.Equal(PythonDownloads.Automatic, settings.Downloads);
        Assert.Equal(Path.Combine("/tools", "python"), settings.InstallRoot);
        settings.Validate();
    }

    [Theory]
    [InlineData("system", PythonPreference.System)]
    [InlineData("Managed", PythonPreference.Managed)]
    [InlineData("only-managed", PythonPreference.OnlyManaged)]
    public void Preferences_are_read_as_uv_spells_them(string text, PythonPreference expected) =>
        Assert.Equal(expected, ManagedPythonSettings.FromText("/tools", text, "never", null, null, null, TimeSpan.FromMinutes(1)).Preference);

    [Theory]
    [InlineData("only_managed", null, "M1EnvPythonPreference 'only_managed' is not one of system, managed, only-managed.")]
    [InlineData(null, "manual", "M1EnvPythonDownloads 'manual' is not one of automatic, never.")]
    public void An_unknown_word_is_an_invalid_setting(string? preference, string? downloads, string message)
    {
        var error = Assert.Throws<M1EnvException>(() => ManagedPythonSettings.FromText("/tools", preference, downloads, null, null, null, TimeSpan.FromMinutes(1)));

        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("ftp://mirror/python/", null, null, "M1EnvPythonMirror")]
    [InlineData(null, "https://host/cpython.tar.gz", null, "M1EnvPythonSha256 is not set")]
    [InlineData(null, null, "sha", "without M1EnvPythonArchive")]
    [InlineData(null, "https://host/cpython.tar.gz", "abc", "is not 64 hexadecimal digits")]
    [InlineData(null, "https://host/folder/", "sha", "is neither an http(s) or file URL nor a path")]
    [InlineData(null, "cpython.zip", "sha", "is neither an http(s) or file URL nor a path")]
    public void Values_that_cannot_be_used_are_refused_before_anything_is_downloaded(string? mirror, string? archive, string? sha, string expected)
    {
        var settings = ManagedPythonSettings.FromText("/tools", null, null, mirror, archive, sha == "sha" ? Sha : sha, TimeSpan.FromMinutes(1));

        var error = Assert.Throws<M1EnvException>(settings.Validate);

        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://mirror.example/python/")]
    [InlineData("file:///srv/python")]
    public void A_mirror_is_an_http_or_file_folder(string mirror) =>
        ManagedPythonSettings.FromText("/tools", null, null, mirror, null, null, TimeSpan.FromMinutes(1)).Validate();

    [Fact]
    public void Credentials_in_a_mirror_never_reach_the_record_s_text()
    {
        var settings = ManagedPythonSettings.FromText("/tools", null, null, "https://user:s3cret@mirror.example/python/", null, null, TimeSpan.FromMinutes(1));

        Assert.DoesNotContain("s3cret", settings.ToString(), StringComparison.Ordinal);
    }
}
