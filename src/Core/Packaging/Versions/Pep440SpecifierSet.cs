namespace M1Env.Core.Packaging.Versions;

/// <summary>A comma-separated set of PEP 440 clauses (<c>&gt;=2.16,&lt;2.17</c>); empty means any version.</summary>
public sealed class Pep440SpecifierSet
{
    private Pep440SpecifierSet(IReadOnlyList<Pep440Specifier> clauses) => Clauses = clauses;

    public IReadOnlyList<Pep440Specifier> Clauses { get; }

    public static bool TryParse(string? text, out Pep440SpecifierSet? set, out string error)
    {
        set = null;
        error = string.Empty;
        var clauses = new List<Pep440Specifier>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            // As packaging does, empty clauses (a trailing comma) are ignored.
            foreach (var clause in text.Split(',').Where(c => !string.IsNullOrWhiteSpace(c)))
            {
                if (!Pep440Specifier.TryParse(clause, out var specifier, out error))
                {
                    return false;
                }

                clauses.Add(specifier!);
            }
        }

        set = new Pep440SpecifierSet(clauses);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="version"/> satisfies every clause. Pre-releases are accepted by default,
    /// unlike a resolver choosing what to install: this judges what is already installed, and pip
    /// installs a pre-release only when the clause asks for one or nothing else matches.
    /// </summary>
    public bool Contains(Pep440Version version, bool allowPrereleases = true) =>
        (allowPrereleases || !version.IsPrerelease || Clauses.Any(c => c.Version?.IsPrerelease == true))
        && Clauses.All(c => c.Contains(version));

    public bool Contains(string version, bool allowPrereleases = true) =>
        Pep440Version.TryParse(version, out var parsed) && Contains(parsed, allowPrereleases);

    public override string ToString() => string.Join(",", Clauses);
}
