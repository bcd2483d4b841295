namespace M1Env.Testing;

/// <summary>
/// Builds a <c>file://</c> conda channel for tests: packages go into their subdir folder as they are added, and
/// <see cref="Build"/> writes every subdir's <c>repodata.json</c> (noarch and this machine's subdir always, empty or not).
/// </summary>
/// <example><code>
/// var channel = new CondaChannelBuilder(temp.Combine("channel"))
///     .AddNoarch("pkga", "1.0")
///     .AddNoarch("pkgb", "1.0", depends: ["pkga >=1.0,&lt;3"])
///     .AddBuilt(python.Python)
///     .Build();
/// </code></example>
public sealed class CondaChannelBuilder
{
    private readonly List<BuiltCondaPackage> packages = [];

    /// <param name="subdir">The platform subdir to write besides noarch; this machine's when null.</param>
    public CondaChannelBuilder(string root, string? subdir = null)
    {
        Root = Path.GetFullPath(root);
        Subdir = subdir ?? CondaSubdir.Current;
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Subdir { get; }

    /// <summary>Builds the package into its subdir folder (a later one with the same file name replaces it).</summary>
    public CondaChannelBuilder Add(CondaPackageSpec spec)
    {
        Keep(CondaPackageBuilder.Build(Path.Combine(Root, spec.Subdir), spec));
        return this;
    }

    /// <summary>
    /// A <c>noarch: generic</c> package. Without <paramref name="files"/> it holds one text file,
    /// <see cref="MarkerPath"/>, that reads <c>&lt;name&gt; &lt;version&gt;\n</c>.
    /// </summary>
    public CondaChannelBuilder AddNoarch(
        string name,
        string version,
        IEnumerable<string>? depends = null,
        IEnumerable<CondaPackageFile>? files = null) =>
        Add(new CondaPackageSpec(name, version)
        {
            Depends = depends?.ToArray() ?? [],
            Files = files?.ToArray() ?? [CondaPackageFile.Text(MarkerPath(name), $"{name} {version}\n")],
        });

    /// <summary>Copies a package built elsewhere (e.g. the cached python of <see cref="CondaPythonPackages"/>) into the channel.</summary>
    public CondaChannelBuilder AddBuilt(BuiltCondaPackage package)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, package.Record.Subdir)).FullName;
        var path = Path.Combine(directory, package.FileName);
        File.Copy(package.Path, path, overwrite: true);
        Keep(package with { Path = path });
        return this;
    }

    /// <summary>Writes the repodata.json files; may be called again after more packages are added.</summary>
    public CondaChannel Build()
    {
        var subdirs = packages.Select(package => package.Record.Subdir)
            .Append(CondaSubdir.Noarch)
            .Append(Subdir)
            .Distinct(StringComparer.Ordinal);
        foreach (var subdir in subdirs)
        {
            CondaRepodata.Write(
                Path.Combine(Root, subdir),
                subdir,
                packages.Where(package => package.Record.Subdir == subdir).Select(package => package.Record));
        }

        return new CondaChannel(Root, Subdir, packages.ToArray());
    }

    /// <summary>Where <see cref="AddNoarch"/> puts its default file, relative to the prefix.</summary>
    public static string MarkerPath(string name) => $"share/m1env-test/{name}.txt";

    private void Keep(BuiltCondaPackage package)
    {
        packages.RemoveAll(existing => existing.Record.Subdir == package.Record.Subdir && existing.FileName == package.FileName);
        packages.Add(package);
    }
}
