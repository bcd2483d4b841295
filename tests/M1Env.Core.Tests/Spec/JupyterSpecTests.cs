using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public class JupyterSpecTests
{
    private static readonly string ProjectDirectory = Path.Combine(Path.GetTempPath(), "m1env-spec-tests", "jupyter");

    private static SpecBuildResult Build(EnvDeclaration env, params PackageDeclaration[] packages) =>
        SpecBuilder.Build([env], packages, new SpecContext(ProjectDirectory, Path.Combine(ProjectDirectory, ".m1env"), PackageSourceSettings.Default, Path.Combine(ProjectDirectory, "tools")));

    private static EnvDeclaration Venv(string? jupyter) => new(EnvKind.Venv, "ml-m1", "3.11", null) { Jupyter = jupyter };

    [Fact]
    public void An_env_with_a_kernel_gets_ipykernel_unless_it_declares_it()
    {
        var added = Assert.Single(Build(Venv("true"), new PackageDeclaration("numpy", null, null)).Envs);
        Assert.True(added.Jupyter);
        Assert.Equal(["ipykernel", "numpy"], added.PipPackages.Select(p => p.ToRequirementString()));

        var declared = Assert.Single(Build(Venv("True"), new PackageDeclaration("IPyKernel", "6.29.5", null)).Envs);
        Assert.Equal(["IPyKernel==6.29.5"], declared.PipPackages.Select(p => p.ToRequirementString()));

        var none = Assert.Single(Build(Venv(null)).Envs);
        Assert.False(none.Jupyter);
        Assert.Empty(none.PipPackages);
    }

    [Fact]
    public void A_kernel_changes_the_hash_and_no_kernel_keeps_the_hash_envs_always_had()
    {
        var plain = Assert.Single(Build(Venv(null)).Envs);
        var withKernel = Assert.Single(Build(Venv("true")).Envs);

        Assert.Equal(SpecHasher.Hash(plain, null, "1.0"), SpecHasher.Hash(Assert.Single(Build(Venv("false")).Envs), null, "1.0"));
        Assert.NotEqual(SpecHasher.Hash(plain, null, "1.0"), SpecHasher.Hash(withKernel with { PipPackages = plain.PipPackages }, null, "1.0"));
    }

    [Fact]
    public void A_value_that_is_not_true_or_false_is_a_setting_error()
    {
        var error = Assert.Single(Build(Venv("yes")).Errors);
        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
        Assert.Contains("Jupyter=\"yes\"", error.Message, StringComparison.Ordinal);
    }
}
