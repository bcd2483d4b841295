using System.Text.RegularExpressions;
using M1Env.Core.Cache;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>
/// The cache key of M1EnvToolsDir: the same for the same lock contents wherever the clone, HOME and the tools
/// folder are, and different whenever what the tools folder would hold differs.
/// </summary>
public sealed class CacheKeysTests : IDisposable
{
    private const string PyLock = "lock-version = \"1.0\"\ncreated-by = \"m1env\"\n\n[[packages]]\nname = \"numpy\"\nversion = \"2.1.0\"\n";

    private readonly TempDirectory temp = new("m1env-cachekey");

    public void Dispose() => temp.Dispose();

    /// <summary>A clone of a project with one venv "demo" and its committed lock, at its own path.</summary>
    private string Clone(string name, string? pyLock = PyLock)
    {
        var directory = temp.CreateSubdirectory(name);
        if (pyLock is not null)
        {
            File.WriteAllText(Path.Combine(directory, "pylock.demo.toml"), pyLock);
        }

        return directory;
    }

    private static EnvDeclaration Venv(string python = "3.11") => new(EnvKind.Venv, "demo", python, null);

    private static EnvDeclaration Conda(string python = "3.11") => new(EnvKind.Conda, "demo", python, null);

    private static string Key(string project, params EnvDeclaration[] envs) => Key(project, [], envs);

    private static string Key(string project, string[] lockPlatforms, params EnvDeclaration[] envs)
    {
        var (inputs, errors) = CacheKeyInput.FromDeclarations(envs, project, lockFile: null, lockPlatforms);
        Assert.Empty(errors);
        return CacheKeys.ForProject(inputs);
    }

    /// <summary>The key the way a build has it after provisioning: from the validated spec, with its prefix and tools folder.</summary>
    private static string KeyOfSpecs(string project, string home, params EnvDeclaration[] envs)
    {
        var context = new SpecContext(project, Path.Combine(project, ".m1env"), PackageSourceSettings.Default, Path.Combine(home, ".m1env"));
        var specs = SpecBuilder.Build(envs, [], context);
        Assert.True(specs.Succeeded, string.Join("; ", specs.Errors));
        return CacheKeys.FromEnvKeys(specs.Envs.Select(s => CacheKeys.ForEnv(CacheKeyInput.Of(s))));
    }

    [Fact]
    public void The_key_is_readable_and_names_the_format_and_the_platform()
    {
        var key = Key(Clone("a"), Venv());

        Assert.Matches(new Regex($"^m1env-{CacheFormat.Version}-{Regex.Escape(CacheKeys.CurrentPlatform)}-[0-9a-f]{{32}}$"), key);
        Assert.Equal(LockPlatform.Current?.Name ?? CacheKeys.CurrentPlatform, CacheKeys.CurrentPlatform);
    }

    [Fact]
    public void Two_clones_at_other_paths_with_other_homes_and_tools_folders_get_the_same_key()
    {
        var first = Clone("agent-a/work/repo");
        var second = Clone("agent-b/builds/1/s");

        var fromDeclarations = Key(first, Venv());

        Assert.Equal(fromDeclarations, Key(second, Venv()));
        Assert.Equal(fromDeclarations, KeyOfSpecs(first, temp.CreateSubdirectory("home-a"), Venv()));
        Assert.Equal(fromDeclarations, KeyOfSpecs(second, temp.CreateSubdirectory("home-b"), Venv()));
    }

    [Fact]
    public void Crlf_line_endings_give_the_same_key_as_lf()
    {
        Assert.Equal(Key(Clone("lf"), Venv()), Key(Clone("crlf", PyLock.Replace("\n", "\r\n", StringComparison.Ordinal)), Venv()));
    }

    [Fact]
    public void An_unrelated_file_in_the_project_changes_nothing()
    {
        var project = Clone("a");
        var before = Key(project, Venv());

        File.WriteAllText(Path.Combine(project, "README.md"), "docs");
        File.WriteAllText(Path.Combine(project, "demo.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(project, "pylock.other.toml"), PyLock + "# another env's lock\n");

        Assert.Equal(before, Key(project, Venv()));
    }

    [Fact]
    public void A_change_in_the_locks_content_changes_the_key()
    {
        Assert.NotEqual(Key(Clone("a"), Venv()), Key(Clone("b", PyLock.Replace("2.1.0", "2.1.1", StringComparison.Ordinal)), Venv()));
    }

    [Fact]
    public void A_missing_lock_counts_as_none_which_differs_from_any_content()
    {
        var none = Key(Clone("none", pyLock: null), Venv());

        Assert.Equal(none, Key(Clone("none-again", pyLock: null), Venv()));
        Assert.NotEqual(none, Key(Clone("empty", pyLock: string.Empty), Venv()));
        Assert.NotEqual(none, Key(Clone("locked"), Venv()));
    }

    [Fact]
    public void Another_declared_python_changes_the_key()
    {
        var project = Clone("a");

        Assert.NotEqual(Key(project, Venv("3.11")), Key(project, Venv("3.12")));
        Assert.NotEqual(Key(project, Venv("3.11")), Key(project, Venv("3.11.7")));
    }

    [Fact]
    public void Another_kind_of_env_changes_the_key_even_with_the_same_pip_lock()
    {
        var project = Clone("a");

        Assert.NotEqual(Key(project, Venv()), Key(project, Conda()));
    }

    [Fact]
    public void A_conda_envs_lock_of_this_platform_and_of_each_lock_platform_counts()
    {
        var project = Clone("a");
        var before = Key(project, ["osx-arm64"], Conda());
        var current = LockPlatform.Current ?? LockPlatform.LinuxX64;

        File.WriteAllText(Path.Combine(project, $"demo.{current.CondaSubdir}.conda-lock.txt"), "@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/python-3.11.9.conda#abc\n");
        var withCurrent = Key(project, ["osx-arm64"], Conda());
        File.WriteAllText(Path.Combine(project, "demo.osx-arm64.conda-lock.txt"), "@EXPLICIT\n");
        var withBoth = Key(project, ["osx-arm64"], Conda());
        File.WriteAllText(Path.Combine(project, "demo.win-64.conda-lock.txt"), "@EXPLICIT\n");

        Assert.NotEqual(before, withCurrent);
        Assert.NotEqual(withCurrent, withBoth);
        Assert.Equal(withBoth, Key(project, ["osx-arm64"], Conda()));
    }

    [Fact]
    public void Another_cache_format_version_changes_the_key()
    {
        var (inputs, _) = CacheKeyInput.FromDeclarations([Venv()], Clone("a"), lockFile: null, []);
        var input = Assert.Single(inputs);
        var platform = CacheKeys.CurrentPlatform;

        var now = CacheKeys.ForEnv(input, CacheFormat.Version, LockPlatform.Current, platform);
        var next = CacheKeys.ForEnv(input, CacheFormat.Version + 1, LockPlatform.Current, platform);

        Assert.Equal(CacheKeys.ForEnv(input), now);
        Assert.NotEqual(now[$"m1env-{CacheFormat.Version}-".Length..], next[$"m1env-{CacheFormat.Version + 1}-".Length..]);
        Assert.NotEqual(CacheKeys.Combine([now], CacheFormat.Version, platform), CacheKeys.Combine([now], CacheFormat.Version + 1, platform));
    }

    [Fact]
    public void A_projects_key_does_not_depend_on_the_order_of_its_envs()
    {
        var project = Clone("a");
        File.WriteAllText(Path.Combine(project, "pylock.other.toml"), PyLock);
        var other = new EnvDeclaration(EnvKind.Venv, "other", "3.12", null);

        Assert.Equal(Key(project, Venv(), other), Key(project, other, Venv()));
        Assert.NotEqual(Key(project, Venv()), Key(project, Venv(), other));
    }

    [Fact]
    public void A_bad_declaration_is_a_coded_error_and_no_key()
    {
        var (inputs, errors) = CacheKeyInput.FromDeclarations([Venv("three")], Clone("a"), lockFile: null, []);

        Assert.Empty(inputs);
        Assert.Equal("M1E007", Assert.Single(errors).Code);
    }
}
