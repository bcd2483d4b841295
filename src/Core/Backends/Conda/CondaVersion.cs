using System.Text.RegularExpressions;

namespace M1Env.Core.Backends.Conda;

/// <summary>The tool and version a <c>--version</c> printed.</summary>
/// <param name="Version">The version as printed, e.g. <c>23.7.4</c> or <c>2.0.5rc0</c>.</param>
public sealed partial record CondaVersion(CondaFlavor Flavor, string Version)
{
    [GeneratedRegex(@"^(?:(?<tool>conda|mamba|micromamba)\s+)?v?(?<version>\d+(?:\.\d+)+[0-9A-Za-z.+-]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"^\d+(?:\.\d+){1,3}", RegexOptions.CultureInvariant)]
    private static partial Regex NumericPrefix();

    /// <summary>The leading numbers of <see cref="Version"/> (<c>2.0.5</c> of <c>2.0.5rc0</c>), for comparisons.</summary>
    public Version Numeric => System.Version.Parse(NumericPrefix().Match(Version).Value);

    /// <summary>
    /// Reads <c>--version</c> output: <c>conda 23.7.4</c>; micromamba's bare <c>1.5.12</c> or
    /// <c>micromamba 2.0.5</c>; mamba 1.x's <c>mamba 1.5.8</c> followed by <c>conda 23.7.4</c>
    /// (mamba, with its own version). Lines that are no version (warnings) are skipped.
    /// </summary>
    /// <param name="executable">The program that printed it: a bare version is mamba's when this is mamba (2.x prints only the number), else micromamba's.</param>
    /// <returns>Null when no line is a version.</returns>
    public static CondaVersion? Parse(string? output, string? executable = null)
    {
        foreach (var line in (output ?? string.Empty).Split('\n'))
        {
            var match = VersionLine().Match(line.Trim());
            if (!match.Success)
            {
                continue;
            }

            var flavor = match.Groups["tool"].Value switch
            {
                "conda" => CondaFlavor.Conda,
                "mamba" => CondaFlavor.Mamba,
                "micromamba" => CondaFlavor.Micromamba,
                _ => IsMamba(executable) ? CondaFlavor.Mamba : CondaFlavor.Micromamba,
            };
            return new CondaVersion(flavor, match.Groups["version"].Value);
        }

        return null;
    }

    public override string ToString() => $"{Flavor.ToString().ToLowerInvariant()} {Version}";

    private static bool IsMamba(string? executable) =>
        executable is not null
        && Path.GetFileNameWithoutExtension(executable.Replace('\\', '/').Split('/')[^1]).Equals("mamba", StringComparison.OrdinalIgnoreCase);
}
