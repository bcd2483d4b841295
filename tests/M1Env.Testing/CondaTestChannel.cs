namespace M1Env.Testing;

/// <summary>
/// The conda channel the real-conda tests share: python 3.11 and pip repacked from a relocatable
/// CPython, and small noarch packages, pkga 1.0 and 2.0, pkgb 1.0 (needs pkga, by default
/// &gt;=1.0,&lt;3) and pkgc 1.0, whose one file says their version.
/// </summary>
public static class CondaTestChannel
{
    /// <summary>The channel's builder, packages added and not yet indexed: a test may add more before <see cref="CondaChannelBuilder.Build"/>.</summary>
    /// <param name="pkgbNeeds">pkgb's dependency on pkga, as a conda match spec.</param>
    public static async Task<CondaChannelBuilder> CreateAsync(string root, string pkgbNeeds = "pkga >=1.0,<3")
    {
        var python = await CondaPythonPackages.GetAsync();
        return new CondaChannelBuilder(root)
            .AddBuilt(python.Python)
            .AddBuilt(python.Pip)
            .AddNoarch("pkga", "1.0")
            .AddNoarch("pkga", "2.0")
            .AddNoarch("pkgb", "1.0", [pkgbNeeds])
            .AddNoarch("pkgc", "1.0");
    }
}
