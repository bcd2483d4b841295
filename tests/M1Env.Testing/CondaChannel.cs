namespace M1Env.Testing;

/// <summary>
/// A conda channel on disk, written by <see cref="CondaChannelBuilder"/>: <c>&lt;root&gt;/noarch/</c> and
/// <c>&lt;root&gt;/&lt;subdir&gt;/</c>, each with its <c>repodata.json</c> and packages.
/// </summary>
public sealed class CondaChannel
{
    internal CondaChannel(string root, string subdir, IReadOnlyList<BuiltCondaPackage> packages)
    {
        Root = root;
        Subdir = subdir;
        Packages = packages;
    }

    public string Root { get; }

    /// <summary>The platform subdir written next to <c>noarch</c> (this machine's unless the builder was told another).</summary>
    public string Subdir { get; }

    /// <summary>What <c>conda ... --override-channels -c</c> takes: <c>file:///...</c>.</summary>
    public string Url => new Uri(Root).AbsoluteUri;

    public IReadOnlyList<BuiltCondaPackage> Packages { get; }

    public string SubdirDirectory(string subdir) => Path.Combine(Root, subdir);

    public string RepodataPath(string subdir) => Path.Combine(Root, subdir, CondaRepodata.FileName);

    public override string ToString() => Url;
}
