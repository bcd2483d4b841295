using System.Text.RegularExpressions;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>The argument lists of <c>pip install --report</c>: resolving without installing (<c>--dry-run</c>), or by installing.</summary>
public static partial class PipResolveArguments
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.+!_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PinnedVersion();

    /// <param name="pip">How pip is started: <c>-m pip</c>, or the script that sets a foreign marker environment.</param>
    /// <param name="targetDirectory">An empty folder for <c>--target</c>, which pip (23.x included) demands with platform options even on a dry run; nothing is written there.</param>
    /// <param name="constraintsFile">A <c>-c</c> file of pins, or null.</param>
    public static IReadOnlyList<string> Resolve(
        IReadOnlyList<string> pip,
        PackageSourceSettings sources,
        IEnumerable<PipRequirement> requirements,
        PipResolveTarget target,
        string reportFile,
        string targetDirectory,
        string? constraintsFile)
    {
        var arguments = new List<string>(pip)
        {
            "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
            "--dry-run", "--ignore-installed", "--quiet", "--report", reportFile,
        };
        arguments.AddRange(Platform(target, targetDirectory));
        return WithConstraintsSourcesAndRequirements(arguments, constraintsFile, sources, requirements);
    }

    /// <summary>
    /// <c>pip install --report</c> into the env that runs it: one pip run that resolves the
    /// requirements around what the env holds, installs what changed, and reports what it installed.
    /// </summary>
    /// <param name="constraintsFile">A <c>-c</c> file of pins, or null.</param>
    public static IReadOnlyList<string> InstallAndReport(PackageSourceSettings sources, IEnumerable<PipRequirement> requirements, string reportFile, string? constraintsFile)
    {
        var arguments = new List<string> { "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "--report", reportFile };
        return WithConstraintsSourcesAndRequirements(arguments, constraintsFile, sources, requirements);
    }

    /// <summary>What every report run ends with: the pins, where pip looks, and what it resolves.</summary>
    private static List<string> WithConstraintsSourcesAndRequirements(List<string> arguments, string? constraintsFile, PackageSourceSettings sources, IEnumerable<PipRequirement> requirements)
    {
        if (constraintsFile is not null)
        {
            arguments.Add("--constraint");
            arguments.Add(constraintsFile);
        }

        arguments.AddRange(PipArguments.Sources(sources));
        arguments.AddRange(requirements.Select(r => r.ToRequirementString()));
        return arguments;
    }

    /// <summary>
    /// The options that make pip pick wheels for another platform; none for <see cref="PipResolveTarget.ThisPython"/>.
    /// pip refuses platform options without <c>--only-binary=:all:</c>: it cannot build an sdist for another platform.
    /// </summary>
    public static IReadOnlyList<string> Platform(PipResolveTarget target, string targetDirectory)
    {
        if (target.Platform is not { } platform || target.PythonVersion is not { } version)
        {
            return [];
        }

        var arguments = new List<string> { "--target", targetDirectory };
        foreach (var tag in platform.PipPlatformTags)
        {
            arguments.Add("--platform");
            arguments.Add(tag);
        }

        arguments.AddRange(["--python-version", version, "--implementation", "cp", "--abi", PythonTargetVersion.CPythonAbi(version), "--only-binary=:all:"]);
        return arguments;
    }

    /// <summary>The <c>-c</c> file's text: one <c>name==version</c> line a pin, by name, leaving out the names in <paramref name="update"/>.</summary>
    public static string Constraints(IReadOnlyDictionary<string, string> pinned, IEnumerable<string> update)
    {
        var free = update.Select(PackageNames.Normalize).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, version) in pinned)
        {
            // A line break or an option in a pin would be read by pip as a line of its own.
            if (!PackageNames.IsValidDistributionName(name) || !PinnedVersion().IsMatch(version))
            {
                throw new ArgumentException($"'{name}=={version}' is not a pin of a package name to a version.", nameof(pinned));
            }
        }

        var lines = pinned
            .Select(pin => (Name: PackageNames.Normalize(pin.Key), Version: pin.Value))
            .Where(pin => !free.Contains(pin.Name))
            .OrderBy(pin => pin.Name, StringComparer.Ordinal)
            .Select(pin => $"{pin.Name}=={pin.Version}\n");
        return string.Concat(lines);
    }
}
