using M1Env.Core.Packaging.Versions;
using M1Env.Core.Spec;

namespace M1Env.Core.Engine.Planning;

/// <summary>Whether an installed version satisfies a declared requirement, by PEP 440, without asking pip.</summary>
internal static class RequirementVersions
{
    /// <returns>False also when either side cannot be parsed: then pip decides.</returns>
    public static bool IsSatisfiedBy(PipRequirement requirement, string installedVersion) =>
        Pep440Version.TryParse(installedVersion, out var version)
        && Pep440SpecifierSet.TryParse(requirement.Specifier, out var specifiers, out _)
        && specifiers!.Contains(version);
}
