using System.Text.RegularExpressions;
using M1Env.Core.Engine;
using NetArchTest.Rules;

namespace M1Env.Core.Tests;

/// <summary>
/// Holds the direction of M1Env.Core's parts (docs/design.md, "The parts"): a part uses only the
/// parts of the layers below its own, never one beside or above it. Read from the compiled
/// assembly's type references, so a <c>using</c>, a fully qualified name and a <c>var</c> all count.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Bottom to top. A namespace's sub-namespaces belong to it unless they are parts of their own.</summary>
    public static readonly string[][] Layers =
    [
        ["Infrastructure.Diagnostics"],
        ["Infrastructure.Errors"],
        ["Infrastructure.FileSystem", "Infrastructure.Processes", "Infrastructure.Downloads"],
        ["Machine", "Packaging.Versions"],
        ["Packaging.Markers"],
        ["Packaging"],
        ["Packaging.Pep751", "Packaging.Conda"],
        ["Python", "Inspection"],
        ["Spec"],
        ["State"],
        ["Cache", "Locking", "Verify"],
        ["Installers"],
        ["Installers.Pip"],
        ["Backends"],
        ["Backends.Venv", "Backends.Conda"],
        ["Engine.Planning", "Engine.Jupyter"],
        ["Engine"],
    ];

    private static readonly string[] Parts = Layers.SelectMany(l => l).ToArray();

    public static TheoryData<string> EveryPart() => new(Parts);

    [Theory]
    [MemberData(nameof(EveryPart))]
    public void A_part_uses_only_the_parts_below_it(string part)
    {
        var layer = LayerOf(part);
        var above = Parts.Where(p => LayerOf(p) >= layer && p != part).ToArray();

        var result = Types.InAssembly(typeof(EnvProvisioner).Assembly)
            .That().ResideInNamespaceMatching(PatternOf(part))
            .ShouldNot().HaveDependencyOnAny(above.SelectMany(TypesOf).ToArray())
            .GetResult();

        Assert.True(result.IsSuccessful, $"{part} uses a part beside or above it: " + string.Join(", ", result.FailingTypes?.Select(t => $"{t.FullName} ({t.Explanation})") ?? []));
    }

    [Fact]
    public void Every_namespace_of_the_engine_is_a_part_or_inside_one()
    {
        var namespaces = typeof(EnvProvisioner).Assembly.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("M1Env.Core.", StringComparison.Ordinal)).Distinct();

        Assert.All(namespaces, n => Assert.Contains(Parts, p => Regex.IsMatch(n, PatternOf(p))));
    }

    [Fact]
    public void The_test_sees_a_dependency_it_forbids()
    {
        // Guards the rule itself: Engine uses Backends.Venv, so the rule read upside down must fail.
        var result = Types.InAssembly(typeof(EnvProvisioner).Assembly)
            .That().ResideInNamespaceMatching(PatternOf("Engine"))
            .ShouldNot().HaveDependencyOnAny(TypesOf("Backends.Venv").ToArray())
            .GetResult();

        Assert.False(result.IsSuccessful);
    }

    private static int LayerOf(string part) => Array.FindIndex(Layers, l => l.Contains(part));

    /// <summary>The part's namespace and those below it that are no part of their own.</summary>
    private static string PatternOf(string part)
    {
        var ns = "M1Env.Core." + part;
        var own = Parts.Where(p => p.StartsWith(part + ".", StringComparison.Ordinal)).Select(p => Regex.Escape("M1Env.Core." + p)).ToArray();
        var notOwn = own.Length == 0 ? string.Empty : $"(?!({string.Join("|", own)})(\\.|$))";
        return $"^{notOwn}{Regex.Escape(ns)}(\\..+)?$";
    }

    /// <summary>
    /// The full names of a part's types. Types rather than namespaces, because a namespace given to
    /// the library also covers the namespaces under it, which may be parts of their own.
    /// </summary>
    private static IEnumerable<string> TypesOf(string part)
    {
        var pattern = new Regex(PatternOf(part));
        return typeof(EnvProvisioner).Assembly.GetTypes()
            .Where(t => t.Namespace is { } n && pattern.IsMatch(n) && !t.IsNested)
            .Select(t => t.FullName!);
    }
}
