using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.Verify;

namespace M1Env.Core.Tests.Verify;

public class KnownBadCombinationsTests
{
    private static IEnumerable<string> Ids(string python, string? macOS, params (string Name, string Range)[] declared) =>
        KnownBadCombinations.Find(declared.ToDictionary(d => d.Name, d => d.Range, StringComparer.Ordinal), python, macOS).Select(r => r.Id);

    [Fact]
    public void Every_row_cites_its_source_and_says_how_to_fix_it()
    {
        Assert.NotEmpty(KnownBadCombinations.Table);
        Assert.All(KnownBadCombinations.Table, rule =>
        {
            Assert.StartsWith("https://", rule.Source, StringComparison.Ordinal);
            Assert.NotEmpty(rule.Fix);
            Assert.NotEmpty(rule.Packages);
        });
    }

    [Fact]
    public void The_courses_pins_are_fine_on_python_311()
    {
        Assert.Empty(Ids("==3.11.*", "14.5", ("tensorflow", "==2.16.1"), ("tensorflow-metal", "==1.1.0"), ("torch", ""), ("jax-metal", ""), ("jax", "<0.5")));
    }

    [Fact]
    public void Tensorflow_metal_with_an_unpinned_tensorflow_can_reach_218_and_220()
    {
        Assert.Equal(
            ["tensorflow-metal-1.1-with-tensorflow-2.18", "tensorflow-metal-with-tensorflow-2.20"],
            Ids("==3.11.*", "14.5", ("tensorflow", ""), ("tensorflow-metal", "==1.1.0")));
        Assert.Equal(["tensorflow-metal-1.1-with-tensorflow-2.18"], Ids("==3.11.*", "14.5", ("tensorflow", ">=2.17,<2.19"), ("tensorflow-metal", "==1.1.0")));
    }

    [Fact]
    public void Tensorflow_metal_11_on_python_312_has_no_wheels()
    {
        Assert.Contains("tensorflow-metal-1.1-on-python-3.12", Ids("==3.12.*", "14.5", ("tensorflow-metal", "==1.1.0"), ("tensorflow", "==2.16.1")));
        Assert.DoesNotContain("tensorflow-metal-1.1-on-python-3.12", Ids("==3.11.7", "14.5", ("tensorflow-metal", "==1.1.0"), ("tensorflow", "==2.16.1")));
    }

    [Fact]
    public void Jax_metal_warns_unless_jax_stays_below_051()
    {
        Assert.Equal(["jax-metal-with-jax-0.5.1"], Ids("==3.11.*", "14.5", ("jax-metal", ""), ("jax", "")));
        Assert.Empty(Ids("==3.11.*", "14.5", ("jax-metal", ""), ("jax", "==0.4.34")));
    }

    [Fact]
    public void Torch_29_mps_needs_macos_14_and_nothing_applies_off_macos()
    {
        Assert.Equal(["torch-2.9-mps-before-macos-14"], Ids("==3.11.*", "13.6", ("torch", ">=2.9,<2.12")));
        Assert.Empty(Ids("==3.11.*", "14.0", ("torch", ">=2.9")));
        Assert.Empty(Ids("==3.11.*", "13.6", ("torch", "==2.5.1")));
        Assert.Empty(Ids("==3.12.*", null, ("torch", ""), ("tensorflow-metal", "==1.1.0"), ("tensorflow", "")));
    }

    [Fact]
    public void Torch_212_wheels_need_macos_14()
    {
        Assert.Equal(["torch-2.9-mps-before-macos-14", "torch-2.12-wheels-need-macos-14"], Ids("==3.11.*", "13.6", ("torch", "")));
        Assert.Empty(Ids("==3.11.*", "14.0", ("torch", ">=2.12")));
    }

    [Fact]
    public void Tensorflow_metal_has_no_wheels_past_python_312()
    {
        Assert.Equal(["tensorflow-metal-on-python-3.13"], Ids("==3.13.*", "15.1", ("tensorflow-metal", "==1.2.0"), ("tensorflow", "==2.18.1")));
        Assert.Empty(Ids("==3.12.*", "15.1", ("tensorflow-metal", "==1.2.0"), ("tensorflow", "==2.18.1")));
    }

    [Fact]
    public void Jax_metal_pinned_as_the_course_pins_it_is_fine_and_its_warning_names_what_to_use_instead()
    {
        Assert.Empty(Ids("==3.11.*", "14.5", ("jax-metal", "==0.1.1"), ("jax", "==0.5.0"), ("jaxlib", "==0.5.0")));
        var rule = KnownBadCombinations.Table.Single(r => r.Id == "jax-metal-with-jax-0.5.1");
        Assert.Contains("use MLX", rule.Fix, StringComparison.Ordinal);
        Assert.Contains("jax on the CPU", rule.Fix, StringComparison.Ordinal);
        Assert.Contains("https://github.com/jax-ml/jax/pull/34485", rule.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Mlx_needs_macos_14_and_python_310()
    {
        Assert.Equal(["mlx-before-macos-14"], Ids("==3.11.*", "13.6", ("mlx", "")));
        Assert.Equal(["mlx-on-python-before-3.10"], Ids("==3.9.*", "14.5", ("mlx", "")));
        Assert.Equal(["mlx-on-python-before-3.10"], Ids("==3.9.*", null, ("mlx", "")));
        Assert.Empty(Ids("==3.10.*", "14.0", ("mlx", "")));
        Assert.Empty(Ids("==3.12.*", null, ("mlx", "")));
    }

    [Fact]
    public void The_ml_m1_samples_declaration_warns_about_nothing_on_macos_14()
    {
        Assert.Empty(Ids(
            "==3.11.*",
            "14.5",
            ("tensorflow", "==2.16.1"),
            ("tensorflow-metal", "==1.1.0"),
            ("torch", ""),
            ("torchvision", ""),
            ("torchaudio", ""),
            ("jax-metal", "==0.1.1"),
            ("jax", "==0.5.0"),
            ("jaxlib", "==0.5.0")));
    }

    [Fact]
    public void A_warning_names_the_env_the_problem_the_fix_and_the_source()
    {
        var spec = new EnvSpec("ml-m1", EnvKind.Venv, new PythonRequest(3, 12, null), "/p", [new PipRequirement("tensorflow-metal", [], "==1.1.0")], PackageSourceSettings.Default);

        var warning = Assert.Single(KnownBadCombinations.Describe(spec, "14.5"));

        Assert.StartsWith("Environment 'ml-m1': tensorflow-metal 1.1.0 has no wheels for Python 3.12", warning, StringComparison.Ordinal);
        Assert.Contains("Fix: use Python 3.11", warning, StringComparison.Ordinal);
        Assert.Contains("(Source: https://pypi.org/project/tensorflow-metal/1.1.0/#files", warning, StringComparison.Ordinal);
    }
}
