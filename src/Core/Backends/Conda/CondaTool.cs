namespace M1Env.Core.Backends.Conda;

/// <summary>The conda executable M1Env runs, with the version it reported.</summary>
/// <param name="RootPrefix">Its root prefix (the install, whose <c>envs</c> holds named envs), or null when it cannot be told.</param>
public sealed record CondaTool(string Executable, CondaFlavor Flavor, string Version, string? RootPrefix)
{
    /// <summary>The command line it takes: micromamba's for micromamba and for mamba from 2.0 on (a mamba of unknown version is taken for the current one).</summary>
    public CondaCommandLine CommandLine => Flavor switch
    {
        CondaFlavor.Micromamba => CondaCommandLine.Libmamba,
        CondaFlavor.Mamba => MajorVersion is < 2 ? CondaCommandLine.Conda : CondaCommandLine.Libmamba,
        _ => CondaCommandLine.Conda,
    };

    /// <summary>The name the log and errors use: conda, mamba or micromamba.</summary>
    public string Name => Flavor.ToString().ToLowerInvariant();

    private int? MajorVersion =>
        int.TryParse(Version.Split('.')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : null;

    public override string ToString() => $"{Name} {Version} ({Executable})";
}
