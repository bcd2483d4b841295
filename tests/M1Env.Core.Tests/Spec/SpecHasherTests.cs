using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public class SpecHasherTests
{
    private static readonly PythonInterpreter Interpreter = new("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython");

    private static EnvSpec Spec(params PipRequirement[] packages) =>
        new("ml-m1", EnvKind.Venv, new PythonRequest(3, 11, null), "/p/.m1env/ml-m1", packages, PackageSourceSettings.Default);

    private static PipRequirement Pip(string name, string specifier = "") => new(name, [], specifier);

    [Fact]
    public void Is_stable_and_independent_of_package_order()
    {
        var a = SpecHasher.Hash(Spec(Pip("numpy"), Pip("torch", "==2.1")), Interpreter, "1.0.0");
        var b = SpecHasher.Hash(Spec(Pip("torch", "==2.1"), Pip("numpy")), Interpreter, "1.0.0");
        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
    }

    [Fact]
    public void Changes_with_everything_that_decides_the_env()
    {
        var baseline = SpecHasher.Hash(Spec(Pip("numpy")), Interpreter, "1.0.0");
        string[] variants =
        [
            SpecHasher.Hash(Spec(Pip("numpy", "==2.0")), Interpreter, "1.0.0"),
            SpecHasher.Hash(Spec(Pip("numpy"), Pip("jax")), Interpreter, "1.0.0"),
            SpecHasher.Hash(Spec(Pip("numpy")), Interpreter with { Version = "3.11.7" }, "1.0.0"),
            SpecHasher.Hash(Spec(Pip("numpy")), Interpreter with { Executable = "/opt/python3.11" }, "1.0.0"),
            SpecHasher.Hash(Spec(Pip("numpy")), Interpreter, "1.0.1"),
            SpecHasher.Hash(Spec(Pip("numpy")) with { Sources = new PackageSourceSettings("http://127.0.0.1/simple", [], [], false) }, Interpreter, "1.0.0"),
            SpecHasher.Hash(Spec(Pip("numpy")) with { Sources = PackageSourceSettings.Default with { Offline = true } }, Interpreter, "1.0.0"),
            SpecHasher.Hash(Spec(Pip("numpy")) with { Prefix = "/elsewhere" }, Interpreter, "1.0.0"),
            SpecHasher.Hash(Spec(Pip("numpy")) with { Python = new PythonRequest(3, 11, 2) }, Interpreter, "1.0.0"),
        ];

        Assert.DoesNotContain(baseline, variants);
        Assert.Equal(variants.Length, variants.Distinct().Count());
    }
}
