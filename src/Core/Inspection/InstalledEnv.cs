namespace M1Env.Core.Inspection;

/// <summary>Everything about a venv prefix that its files tell, read without starting a process.</summary>
/// <param name="SitePackages">The env's site-packages folder, or null when there is none.</param>
/// <param name="BinDirectory"><c>bin</c> (<c>Scripts</c> on Windows), or null when there is none.</param>
/// <param name="InterpreterResolves">The env's interpreter exists under each of its names, and when one is a link, so does its final target.</param>
/// <param name="Distributions">Sorted by name; two of one name (a half-finished upgrade) are both listed.</param>
/// <param name="Leftovers">What an interrupted pip left in site-packages: entries whose name starts with '~'.</param>
public sealed record InstalledEnv(
    string Prefix,
    VenvConfig? Config,
    string? SitePackages,
    string? BinDirectory,
    bool InterpreterResolves,
    IReadOnlyList<InstalledDistribution> Distributions,
    IReadOnlyList<string> Leftovers)
{
    /// <summary>The conda packages (<c>conda-meta</c>), sorted by name; empty for a venv.</summary>
    public IReadOnlyList<InstalledCondaPackage> CondaPackages { get; init; } = [];

    /// <summary>Why the prefix's conda-meta cannot be trusted (<see cref="CondaMetaContents.Problems"/>); empty for a venv or a sound conda env.</summary>
    public IReadOnlyList<string> CondaMetaProblems { get; init; } = [];

    /// <summary>The version of the env's Python as its files tell (pyvenv.cfg, or conda's python record); null when unknown.</summary>
    public string? PythonVersion { get; init; }

    public InstalledDistribution? Find(string normalizedName) =>
        Distributions.FirstOrDefault(d => d.Name == normalizedName);
}
