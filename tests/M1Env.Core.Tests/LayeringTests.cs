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
        ["Cache", "Locking", "Verify", "Python.Managed", "ToolsFolder"],
        ["Installers"],
        ["Installers.Pip"],
        ["Backends"],
        ["Backends.Venv", "Backends.Conda"],
        ["Engine.Planning", "Engine.Jupyter", "Engine.Publishing"],
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

    /// <summary>
    /// The same direction read as text, as a new engineer reads the code: every <c>using</c> or
    /// fully qualified name of a part in a file, documentation references (<c>cref</c>) included,
    /// which the compiled assembly does not keep.
    /// </summary>
    [Fact]
    public void A_source_file_names_only_its_own_part_and_the_parts_below_it()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "Core");
        var upward = new List<string>();
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (Regex.Match(text, @"^namespace M1Env\.Core\.([\w.]+);", RegexOptions.Multiline) is not { Success: true } own)
            {
                continue;
            }

            var part = PartOf(own.Groups[1].Value) ?? throw new InvalidOperationException($"{file}: {own.Groups[1].Value} is no part");
            foreach (var named in Regex.Matches(text, @"M1Env\.Core\.([A-Z]\w*(?:\.[A-Z]\w*)*)").Select(m => m.Groups[1].Value).Distinct())
            {
                if (PartOf(named) is { } other && other != part && LayerOf(other) >= LayerOf(part))
                {
                    upward.Add($"{Path.GetRelativePath(core, file)} names {other}");
                }
            }
        }

        Assert.Empty(upward);
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

    /// <summary>The part a namespace (or a type's full name) below <c>M1Env.Core.</c> belongs to: the longest part that starts it.</summary>
    private static string? PartOf(string name) =>
        Parts.Where(p => name == p || name.StartsWith(p + ".", StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "M1Env.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The test runs outside the repository: no M1Env.Sdk.sln above " + AppContext.BaseDirectory);
    }

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
