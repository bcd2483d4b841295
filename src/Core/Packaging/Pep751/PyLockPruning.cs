namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// A lock after requirements were only removed, without pip: the packages still reachable from the
/// declared ones through the lock's recorded dependencies. pip, holding every other package at its
/// locked version, resolves the same set, since removing a requirement adds no constraint.
/// </summary>
public static class PyLockPruning
{
    /// <param name="declared">The normalised names declared now (a name the lock does not hold, such as a conda package, is skipped).</param>
    /// <param name="requirements">The declared requirement strings, recorded in <c>[tool.m1env]</c>.</param>
    /// <returns>Null when a package does not record its dependencies (a lock from an older M1Env or another tool): only a resolution can tell then.</returns>
    public static PyLock? Prune(PyLock lockFile, IEnumerable<string> declared, IReadOnlyList<string> requirements)
    {
        if (lockFile.M1Env is null || lockFile.Packages.Any(p => p.Dependencies is null))
        {
            return null;
        }

        var byName = lockFile.Packages.ToLookup(p => p.Name, StringComparer.Ordinal);
        var kept = new HashSet<PyLockPackage>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<PyLockPackage>(declared.SelectMany(name => byName[name]));
        while (pending.TryDequeue(out var package))
        {
            if (!kept.Add(package))
            {
                continue;
            }

            foreach (var dependency in package.Dependencies!)
            {
                foreach (var next in byName[dependency.Name].Where(p => dependency.Version is null || p.Version == dependency.Version))
                {
                    pending.Enqueue(next);
                }
            }
        }

        return lockFile with
        {
            Packages = lockFile.Packages.Where(kept.Contains).ToArray(),
            M1Env = lockFile.M1Env with { Requirements = requirements.Order(StringComparer.Ordinal).ToArray() },
        };
    }
}
