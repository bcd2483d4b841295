using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public class SpecBuilderTests
{
    private static readonly string ProjectDirectory = Path.Combine(Path.GetTempPath(), "m1env-spec-tests", "project");

    private static SpecContext Context(PackageSourceSettings? sources = null) =>
        new(ProjectDirectory, Path.Combine(ProjectDirectory, ".m1env"), sources ?? PackageSourceSettings.Default, Path.Combine(ProjectDirectory, "..", "tools"));

    private static SpecBuildResult Build(EnvDeclaration[] envs, PackageDeclaration[] packages, PackageSourceSettings? sources = null) =>
        SpecBuilder.Build(envs, packages, Context(sources));

    private static EnvDeclaration Venv(string name, string? python = "3.11", string? prefix = null) => new(EnvKind.Venv, name, python, prefix);

    [Fact]
    public void Builds_a_canonical_spec_with_the_default_prefix()
    {
        var result = Build(
            [Venv("ml-m1")],
            [new("Tensorflow_Metal", "1.1.0", null), new("jax[cpu]", "[0.4,0.5)", null), new("numpy", null, null)]);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var env = Assert.Single(result.Envs);
        Assert.Equal(Path.Combine(ProjectDirectory, ".m1env", "ml-m1"), env.Prefix);
        Assert.Equal("3.11", env.Python.ToString());
        Assert.Equal(["jax[cpu]>=0.4,<0.5", "numpy", "Tensorflow_Metal==1.1.0"], env.PipPackages.Select(p => p.ToRequirementString()));
    }

    [Fact]
    public void Resolves_a_relative_prefix_against_the_project()
    {
        var result = Build([Venv("a", prefix: "../envs/a")], []);
        Assert.Equal(Path.GetFullPath(Path.Combine(ProjectDirectory, "..", "envs", "a")), Assert.Single(result.Envs).Prefix);
    }

    [Fact]
    public void Reports_every_problem_at_once_with_its_code()
    {
        var result = Build(
            [Venv("bad/name"), Venv("good", python: "3.x"), Venv("ok")],
            [new("num py", null, "ok"), new("torch", "latest", "ok"), new("jax", null, "missing")]);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [ErrorCodes.InvalidEnvName, ErrorCodes.InvalidPythonRequest, ErrorCodes.InvalidPackageName, ErrorCodes.InvalidVersion, ErrorCodes.UnknownEnv],
            result.Errors.Select(e => e.Code));
        Assert.Empty(result.Envs);
    }

    [Fact]
    public void A_package_without_env_needs_exactly_one_env()
    {
        var two = Build([Venv("a"), Venv("b")], [new("numpy", null, null)]);
        var error = Assert.Single(two.Errors);
        Assert.Equal(ErrorCodes.AmbiguousPackageEnv, error.Code);
        Assert.Contains("a, b", error.Message, StringComparison.Ordinal);

        var none = Build([], [new("numpy", null, null)]);
        Assert.Equal(ErrorCodes.AmbiguousPackageEnv, Assert.Single(none.Errors).Code);
    }

    [Fact]
    public void Rejects_duplicates()
    {
        var result = Build(
            [Venv("a"), Venv("A"), Venv("b", prefix: ".m1env/a")],
            [new("numpy", null, "a"), new("NumPy", "1.0", "a")]);
        Assert.Equal([ErrorCodes.DuplicateDeclaration, ErrorCodes.DuplicateDeclaration, ErrorCodes.DuplicateDeclaration], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Accepts_a_conda_env_with_conda_forge_as_its_default_channel()
    {
        var env = Assert.Single(Build([new(EnvKind.Conda, "ml-m1", "3.11", null)], []).Envs);
        Assert.Equal(EnvKind.Conda, env.Kind);
        Assert.Equal(["conda-forge"], env.Channels);
        Assert.False(env.Named);
    }

    [Fact]
    public void Rejects_index_urls_that_are_not_urls_without_leaking_credentials()
    {
        var result = Build([Venv("a")], [], new PackageSourceSettings("https://user:secret@example.com/simple", ["not a url"], [], false));
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
        Assert.DoesNotContain("secret", string.Join(" ", result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Makes_find_links_folders_absolute()
    {
        var result = Build([Venv("a")], [], new PackageSourceSettings(null, [], ["wheels", "https://example.com/wheels/"], true));
        Assert.Equal([Path.Combine(ProjectDirectory, "wheels"), "https://example.com/wheels/"], Assert.Single(result.Envs).Sources.FindLinks);
    }

    [Fact]
    public void Rejects_windows_device_names_as_env_names()
    {
        var result = Build([Venv("nul"), Venv("Com1.env"), Venv("env.")], []);
        Assert.Equal([ErrorCodes.InvalidEnvName, ErrorCodes.InvalidEnvName, ErrorCodes.InvalidEnvName], result.Errors.Select(e => e.Code));
        Assert.Contains("device name on Windows", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_at_most_100_characters_of_any_bad_value()
    {
        var huge = new string('x', 10_000);
        var result = Build(
            [Venv("bad " + huge), Venv("a", python: "3." + huge), Venv("b", prefix: string.Concat(Enumerable.Repeat("../", 3_000)))],
            [new("bad " + huge, null, "a"), new("numpy", "~" + huge, "a"), new("torch", null, huge)],
            new PackageSourceSettings("https://" + huge, [], [], false));

        Assert.Equal(
            [ErrorCodes.InvalidSetting, ErrorCodes.InvalidEnvName, ErrorCodes.InvalidPythonRequest, ErrorCodes.PrefixNotAllowed,
             ErrorCodes.InvalidPackageName, ErrorCodes.InvalidVersion, ErrorCodes.UnknownEnv],
            result.Errors.Select(e => e.Code));
        Assert.All(result.Errors, error =>
        {
            Assert.True(error.Message.Length < 600, $"{error.Code} is {error.Message.Length} characters long");
            Assert.Contains("characters)", error.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Each_error_names_the_file_that_declares_its_item()
    {
        var result = Build(
            [new(EnvKind.Venv, "bad/name", null, null, new("/repo/Directory.Build.props", "PythonEnv", "bad/name")), new(EnvKind.Venv, "a", null, null, new("/repo/env.proj", "PythonEnv", "a"))],
            [new("num py", null, "a", new("/repo/env.proj", "PipPackage", "num py")), new("torch", "latest", "a", new("/repo/shared.props", "PipPackage", "torch"))],
            new PackageSourceSettings("not a url", [], [], false));

        Assert.Equal(
            [(ErrorCodes.InvalidSetting, null), (ErrorCodes.InvalidEnvName, "/repo/Directory.Build.props"),
             (ErrorCodes.InvalidPackageName, "/repo/env.proj"), (ErrorCodes.InvalidVersion, "/repo/shared.props")],
            result.Errors.Select(e => (e.Code, e.DeclaredIn?.File)));
    }
}
