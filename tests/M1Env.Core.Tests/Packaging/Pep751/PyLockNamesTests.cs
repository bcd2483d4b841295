using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Packaging.Pep751;

public class PyLockNamesTests
{
    private static readonly string ProjectDirectory = Path.Combine(Path.GetTempPath(), "m1env-lock-name-tests", "project");

    private static SpecBuildResult Build(params EnvDeclaration[] envs) =>
        SpecBuilder.Build(envs, [], new SpecContext(ProjectDirectory, Path.Combine(ProjectDirectory, ".m1env"), PackageSourceSettings.Default, Path.Combine(ProjectDirectory, "..", "tools")));

    [Theory]
    [InlineData("ml-m1", "pylock.ml-m1.toml")]
    [InlineData("ml.m1", "pylock.ml-m1.toml")]
    [InlineData("a.b.c_d", "pylock.a-b-c_d.toml")]
    [InlineData("ML_1", "pylock.ML_1.toml")]
    public void Each_dot_of_the_env_name_becomes_a_dash(string envName, string fileName)
    {
        Assert.Equal(fileName, PyLockNames.FileNameOf(envName));
        // PEP 751: ^pylock\.([^.]+)\.toml$
        Assert.Matches(@"^pylock\.[^.]+\.toml$", PyLockNames.FileNameOf(envName));
    }

    [Theory]
    [InlineData("ml.m1", "pylock.ml.m1.toml")]
    [InlineData("ml-m1", null)]
    public void The_former_name_is_known_only_where_it_differs(string envName, string? former) =>
        Assert.Equal(former, PyLockNames.FormerFileNameOf(envName));

    [Fact]
    public void A_venv_and_a_conda_env_lock_under_the_mapped_name()
    {
        var result = Build(new(EnvKind.Venv, "web.api", "3.11", null), new(EnvKind.Conda, "ml.m1", "3.11", null));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var web = result.Envs.Single(e => e.Name == "web.api");
        Assert.Equal(Path.Combine(ProjectDirectory, "pylock.web-api.toml"), web.PipLockFile);
        Assert.Equal(web.PipLockFile, web.LockFile);
        var ml = result.Envs.Single(e => e.Name == "ml.m1");
        Assert.Equal(Path.Combine(ProjectDirectory, "pylock.ml-m1.toml"), ml.PipLockFile);
        // Conda's explicit files are not PEP 751 locks: their names keep the env's.
        Assert.Equal(Path.Combine(ProjectDirectory, "ml.m1.conda-lock.txt"), ml.LockFile);
        Assert.All(result.Envs, env => Assert.Null(env.PipLockStandardFile));
    }

    [Fact]
    public void Two_venvs_whose_names_map_to_one_lock_are_refused_naming_both_and_the_lock()
    {
        var error = Assert.Single(Build(new(EnvKind.Venv, "ml.m1", "3.11", null), new(EnvKind.Venv, "ml-m1", "3.11", null)).Errors);

        Assert.Equal(ErrorCodes.DuplicateDeclaration, error.Code);
        Assert.Contains("'ml.m1' and 'ml-m1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("pylock.ml-m1.toml", error.Message, StringComparison.Ordinal);
        Assert.Contains("no dot in a lock's name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conda_env_whose_pip_lock_is_a_venvs_lock_is_refused()
    {
        var error = Assert.Single(Build(new(EnvKind.Venv, "ml-m1", "3.11", null), new(EnvKind.Conda, "ml.m1", "3.11", null)).Errors);

        Assert.Equal(ErrorCodes.DuplicateDeclaration, error.Code);
        Assert.Contains("'ml-m1' and 'ml.m1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("pylock.ml-m1.toml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Envs_with_their_own_lock_files_do_not_collide()
    {
        var result = Build(
            new(EnvKind.Venv, "ml.m1", "3.11", null) { LockFile = "locks/pylock.ml.toml" },
            new(EnvKind.Venv, "ml-m1", "3.11", null));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }
}
