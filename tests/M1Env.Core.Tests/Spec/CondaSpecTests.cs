using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public class CondaSpecTests
{
    private static readonly string ProjectDirectory = Path.Combine(Path.GetTempPath(), "m1env-conda-spec-tests", "project");
    private static readonly string CondaEnvs = Path.Combine(Path.GetTempPath(), "m1env-conda-spec-tests", "miniforge3", "envs");

    private static SpecBuildResult Build(EnvDeclaration[] envs, CondaPackageDeclaration[] conda, PackageDeclaration[]? pip = null, string? namedEnvs = null) =>
        SpecBuilder.Build(
            envs,
            pip ?? [],
            conda,
            new SpecContext(ProjectDirectory, Path.Combine(ProjectDirectory, ".m1env"), PackageSourceSettings.Default, Path.Combine(ProjectDirectory, "..", "tools"))
            {
                NamedEnvsDirectory = namedEnvs,
            });

    private static EnvDeclaration Conda(string name, string? channels = null, string? named = null, string? prefix = null) =>
        new(EnvKind.Conda, name, "3.11", prefix) { Channels = channels, Named = named };

    [Theory]
    [InlineData("1.26.4", "numpy==1.26.4")]
    [InlineData("1.26.*", "numpy 1.26.*")]
    [InlineData(">=1.26,<2", "numpy>=1.26,<2")]
    [InlineData("=1.26", "numpy=1.26")]
    [InlineData("1.26.4 py311*", "numpy 1.26.4 py311*")]
    [InlineData("<1.20|>=1.26", "numpy<1.20|>=1.26")]
    [InlineData(null, "numpy")]
    public void A_bare_version_means_exactly_it_and_conda_specs_pass_through(string? version, string matchSpec)
    {
        var env = Assert.Single(Build([Conda("ml-m1")], [new("NumPy", version, null, null)]).Envs);
        Assert.Equal(matchSpec, Assert.Single(env.CondaPackages).ToMatchSpec());
    }

    [Theory]
    [InlineData("latest")]
    [InlineData(">=1.26 <2")]
    [InlineData("1.26;rm -rf")]
    [InlineData(">=1.2 py311*")]
    public void A_version_that_is_not_a_conda_spec_is_refused(string version)
    {
        var error = Assert.Single(Build([Conda("ml-m1")], [new("numpy", version, null, null)]).Errors);
        Assert.Equal(ErrorCodes.InvalidVersion, error.Code);
        Assert.Contains("CondaPackage 'numpy'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_channel_is_written_as_conda_writes_it()
    {
        var env = Assert.Single(Build([Conda("ml-m1")], [new("pytorch", "2.5.*", "pytorch", null)]).Envs);
        Assert.Equal("pytorch::pytorch 2.5.*", Assert.Single(env.CondaPackages).ToMatchSpec());
    }

    [Fact]
    public void Channels_keep_their_order_and_urls_are_accepted()
    {
        var env = Assert.Single(Build([Conda("ml-m1", "conda-forge; file:///srv/channel ;pytorch/label/nightly;conda-forge")], []).Envs);
        Assert.Equal(["conda-forge", "file:///srv/channel", "pytorch/label/nightly"], env.Channels);
    }

    [Fact]
    public void A_bad_channel_is_refused_without_showing_its_credentials()
    {
        var error = Assert.Single(Build([Conda("ml-m1", "https://user:s3cret@example.com/conda;not a channel")], []).Errors);
        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_env_lives_in_condas_envs_folder()
    {
        var env = Assert.Single(Build([Conda("ml-m1", named: "true")], [], namedEnvs: CondaEnvs).Envs);
        Assert.True(env.Named);
        Assert.Equal(Path.Combine(CondaEnvs, "ml-m1"), env.Prefix);
    }

    [Fact]
    public void Named_with_a_prefix_or_without_a_known_conda_is_an_error()
    {
        Assert.Equal(ErrorCodes.InvalidSetting, Assert.Single(Build([Conda("a", named: "true", prefix: "envs/a")], [], namedEnvs: CondaEnvs).Errors).Code);
        Assert.Equal(ErrorCodes.CondaNotFound, Assert.Single(Build([Conda("b", named: "true")], []).Errors).Code);
        Assert.Equal(ErrorCodes.InvalidSetting, Assert.Single(Build([Conda("c", named: "yes")], [], namedEnvs: CondaEnvs).Errors).Code);
    }

    [Fact]
    public void A_conda_package_goes_to_the_one_conda_env_and_never_to_a_venv()
    {
        var result = Build(
            [new(EnvKind.Venv, "web", "3.11", null), Conda("ml-m1")],
            [new("numpy", null, null, null), new("pandas", null, null, "web")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.UnsupportedDeclaration, error.Code);
        Assert.Contains("'web', a PythonEnv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_is_the_envs_metadata_not_a_conda_package()
    {
        var error = Assert.Single(Build([Conda("ml-m1")], [new("python", "3.12", null, null)]).Errors);
        Assert.Equal(ErrorCodes.DuplicateDeclaration, error.Code);
        Assert.Contains("Python=\"3.11\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_conda_envs_need_an_env_on_each_package_and_duplicates_are_refused()
    {
        var result = Build(
            [Conda("a"), Conda("b")],
            [new("numpy", null, null, null), new("scipy", null, null, "a"), new("SciPy", "1.11", null, "A")]);
        Assert.Equal([ErrorCodes.AmbiguousPackageEnv, ErrorCodes.DuplicateDeclaration], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void A_venv_takes_no_conda_metadata()
    {
        var error = Assert.Single(Build([new(EnvKind.Venv, "web", "3.11", null) { Channels = "conda-forge" }], []).Errors);
        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
        Assert.Contains("only a CondaEnv takes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spec_hash_of_a_venv_is_unchanged_by_conda_support_and_a_conda_env_hashes_its_packages()
    {
        var venv = Assert.Single(Build([new(EnvKind.Venv, "web", "3.11", null)], []).Envs);
        var condaA = Assert.Single(Build([Conda("ml-m1")], [new("numpy", "1.26.4", null, null)]).Envs);
        var condaB = Assert.Single(Build([Conda("ml-m1")], [new("numpy", "1.26.3", null, null)]).Envs);

        Assert.DoesNotContain("\"channels\"", System.Text.Encoding.UTF8.GetString(SpecHasher.CanonicalJson(venv, null, "1.0")), StringComparison.Ordinal);
        Assert.NotEqual(SpecHasher.Hash(condaA, null, "1.0"), SpecHasher.Hash(condaB, null, "1.0"));
    }
}
