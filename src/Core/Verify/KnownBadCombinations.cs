using System.Reflection;
using System.Text.Json;
using M1Env.Core.Machine;
using M1Env.Core.Packaging.Versions;
using M1Env.Core.Spec;

namespace M1Env.Core.Verify;

/// <summary>
/// Finds the known-bad combinations a declaration can end up in, before anything is installed. A
/// declared range "can reach" a bad one when some version is in both: M1Env tries the versions the
/// two ranges name, and the ones just after them, which is exact for the ranges people write.
/// </summary>
public static class KnownBadCombinations
{
    /// <summary>The table shipped inside M1Env.Core.</summary>
    public static IReadOnlyList<KnownBadCombination> Table { get; } = Load();

    /// <param name="declared">Normalised package name to its declared PEP 440 specifier ("" for any version).</param>
    /// <param name="python">The env's Python as a PEP 440 range: "==3.12.*" for a declared 3.12, "==3.11.7" for a known interpreter.</param>
    /// <param name="macOSVersion">This Mac's version, e.g. "13.6"; null when not on macOS.</param>
    public static IEnumerable<KnownBadCombination> Find(IReadOnlyDictionary<string, string> declared, string python, string? macOSVersion, IReadOnlyList<KnownBadCombination>? table = null) =>
        (table ?? Table).Where(rule =>
            (rule.Os is null || (rule.Os == "macos" && macOSVersion is not null))
            && (rule.MacOS is null || (macOSVersion is not null && MayOverlap($"=={macOSVersion}", rule.MacOS)))
            && (rule.Python is null || MayOverlap(python, rule.Python))
            && rule.Packages.All(p => declared.TryGetValue(p.Key, out var range) && MayOverlap(range, p.Value)));

    /// <summary>The warnings of a spec's pip packages, in words, for this machine.</summary>
    public static IEnumerable<string> Describe(EnvSpec spec) => Describe(spec, OperatingSystem.IsMacOS() ? MacSystem.ProductVersion : null);

    internal static IEnumerable<string> Describe(EnvSpec spec, string? macOSVersion) =>
        Find(
            spec.PipPackages.ToDictionary(p => p.NormalizedName, p => p.Specifier, StringComparer.Ordinal),
            spec.Python.Micro is null ? $"=={spec.Python}.*" : $"=={spec.Python}",
            macOSVersion)
            .Select(rule => $"Environment '{spec.Name}': {rule.Problem}. Fix: {rule.Fix}. (Source: {rule.Source}.)");

    /// <summary>Whether some version satisfies both PEP 440 ranges.</summary>
    internal static bool MayOverlap(string first, string second)
    {
        if (!Pep440SpecifierSet.TryParse(first, out var a, out _) || !Pep440SpecifierSet.TryParse(second, out var b, out _))
        {
            return false;
        }

        return Candidates(a!, b!).Any(v => a!.Contains(v) && b!.Contains(v));
    }

    private static IEnumerable<string> Candidates(params Pep440SpecifierSet[] sets)
    {
        yield return "0";
        yield return "99999";
        foreach (var version in sets.SelectMany(s => s.Clauses).Select(c => c.Version).OfType<Pep440Version>())
        {
            var release = version.Release.ToArray();
            yield return string.Join('.', release);
            for (var i = 0; i < release.Length; i++)
            {
                // Just above and just below at each level: 2.18 -> 2.18.1, 2.19, 3; 2.17.999, 2.17...
                var up = release[..(i + 1)];
                up[i]++;
                yield return string.Join('.', up);
                yield return string.Join('.', release) + ".1";
                if (release[i] > 0)
                {
                    var down = release[..(i + 1)];
                    down[i]--;
                    yield return string.Join('.', down) + ".999";
                }
            }
        }
    }

    private static IReadOnlyList<KnownBadCombination> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("M1Env.Core.Verify.known-bad-combinations.json")
            ?? throw new InvalidOperationException("known-bad-combinations.json is not embedded in M1Env.Core.");
        return JsonSerializer.Deserialize(stream, KnownBadJsonContext.Default.KnownBadCombinationArray) ?? [];
    }
}
