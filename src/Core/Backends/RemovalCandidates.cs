namespace M1Env.Core.Backends;

/// <summary>
/// The packages a plan removes, pip's or conda's alike: the candidates minus whatever a package that
/// stays needs (transitively). Each kept one is a detail (it does not change), each removed one a reason.
/// </summary>
internal static class RemovalCandidates
{
    /// <param name="candidates">Name to the reason it would be removed.</param>
    /// <param name="userOf">The display name of an installed package outside <paramref name="candidates"/> that needs the named one, or null.</param>
    /// <param name="reasons">Gets the reason of each package removed.</param>
    /// <param name="details">Gets why each kept package stays.</param>
    /// <param name="reasonPrefix">What starts each "kept" detail ("conda: " for conda's half).</param>
    public static IReadOnlyList<string> Settle(Dictionary<string, string> candidates, Func<string, ICollection<string>, string?> userOf, List<string> reasons, List<string> details, string reasonPrefix = "")
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var name in candidates.Keys.ToArray())
            {
                if (userOf(name, candidates.Keys) is { } user)
                {
                    details.Add($"{reasonPrefix}{name} is not declared, but {user} needs it: kept");
                    candidates.Remove(name);
                    changed = true;
                }
            }
        }
        while (changed);

        reasons.AddRange(candidates.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value));
        return candidates.Keys.Order(StringComparer.Ordinal).ToArray();
    }
}
