namespace M1Env.Testing;

/// <summary>A conda package's <c>noarch</c> kind: none (built for one subdir), generic files, or a pure-Python package.</summary>
public enum CondaNoarch
{
    /// <summary>Built for one platform subdir; repodata and index.json carry no <c>noarch</c> key.</summary>
    None,

    /// <summary><c>noarch: generic</c>: files land in the prefix as they are.</summary>
    Generic,

    /// <summary>
    /// <c>noarch: python</c>: <c>site-packages/</c> entries land in the env's <c>lib/pythonX.Y/site-packages</c>,
    /// conda compiles them with the env's python and writes the entry-point scripts of <c>info/link.json</c>.
    /// </summary>
    Python,
}
