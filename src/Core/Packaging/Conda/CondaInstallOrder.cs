namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// Orders packages as conda's <c>list --explicit</c> does (its <c>PrefixGraph</c>): dependencies before
/// the packages that need them, each level sorted by name, so the order depends on the packages only.
/// </summary>
public static class CondaInstallOrder
{
    /// <param name="packages">The packages with their dependencies as match specs (<c>python &gt;=3.11,&lt;3.12.0a0</c>); a dependency outside the set (a virtual package) is ignored.</param>
    public static IReadOnlyList<T> Sort<T>(IEnumerable<(T Package, string Name, IReadOnlyList<string> Depends)> packages)
    {
        var all = packages.ToArray();
        var names = all.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var waiting = all.ToDictionary(
            p => p.Name,
            // conda's add_pip_as_python_dependency makes python need pip, and pip needs python: conda drops that edge so python comes first.
            p => p.Depends.Select(SpecName).Where(d => d != p.Name && names.Contains(d) && !(p.Name == "python" && d == "pip")).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var byName = all.ToDictionary(p => p.Name, p => p.Package, StringComparer.Ordinal);
        var sorted = new List<T>(all.Length);
        while (waiting.Count > 0)
        {
            var ready = waiting.Where(w => w.Value.Count == 0).Select(w => w.Key).Order(StringComparer.Ordinal).ToArray();
            if (ready.Length == 0)
            {
                // A cycle: broken as conda's toposort does, at the package that waits on the fewest, then by name.
                ready = [waiting.OrderBy(w => w.Value.Count).ThenBy(w => w.Key, StringComparer.Ordinal).First().Key];
            }

            foreach (var name in ready)
            {
                waiting.Remove(name);
                sorted.Add(byName[name]);
            }

            foreach (var dependencies in waiting.Values)
            {
                dependencies.ExceptWith(ready);
            }
        }

        return sorted;
    }

    /// <summary>The package name a match spec is about: <c>numpy</c> of <c>conda-forge::numpy &gt;=1.26</c>.</summary>
    public static string SpecName(string spec)
    {
        var text = spec.Trim();
        if (text.LastIndexOf("::", StringComparison.Ordinal) is var colons and >= 0)
        {
            text = text[(colons + 2)..];
        }

        var end = text.IndexOfAny([' ', '=', '<', '>', '!', '~', '[', '*']);
        return (end < 0 ? text : text[..end]).ToLowerInvariant();
    }
}
