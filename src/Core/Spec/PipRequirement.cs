using M1Env.Core.Packaging;

namespace M1Env.Core.Spec;

/// <summary>A validated pip package: its normalised name, extras and PEP 440 specifier.</summary>
public sealed record PipRequirement(string Name, IReadOnlyList<string> Extras, string Specifier)
{
    /// <summary>The PEP 503 normalised name, the identity used to compare packages.</summary>
    public string NormalizedName => PackageNames.Normalize(Name);

    /// <summary>The PEP 508 requirement string handed to pip, e.g. <c>jax[cpu]==0.4.30</c>.</summary>
    public string ToRequirementString()
    {
        var extras = Extras.Count == 0 ? string.Empty : $"[{string.Join(",", Extras)}]";
        return $"{Name}{extras}{Specifier}";
    }

    /// <summary>Where the package applies (its <c>Platforms</c> and <c>Markers</c>).</summary>
    public PackagePlatforms AppliesOn { get; init; } = PackagePlatforms.Everywhere;

    /// <summary>The requirement as declared for every platform, as a lock records it: <see cref="ToRequirementString"/> with the marker of <see cref="AppliesOn"/> after <c>;</c>.</summary>
    public string ToDeclaredString() => AppliesOn.Marker is { } marker ? $"{ToRequirementString()}; {marker}" : ToRequirementString();

    public override string ToString() => ToRequirementString();
}
