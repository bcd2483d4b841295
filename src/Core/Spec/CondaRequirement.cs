namespace M1Env.Core.Spec;

/// <summary>A validated conda package: its lower-case name, a version constraint and an optional channel.</summary>
/// <param name="Version">A conda version spec (<c>==1.26.4</c>, <c>&gt;=1.26,&lt;2</c>, <c>1.26.*</c>), empty for any version.</param>
/// <param name="Channel">The channel that must provide it, or null for the env's channels.</param>
public sealed record CondaRequirement(string Name, string Version, string? Channel)
{
    /// <summary>The match spec handed to conda, e.g. <c>conda-forge::numpy==1.26.4</c> or <c>numpy 1.26.*</c>.</summary>
    public string ToMatchSpec()
    {
        var channel = Channel is null ? string.Empty : Channel + "::";
        if (Version.Length == 0)
        {
            return channel + Name;
        }

        // An operator joins the name directly; a version that starts with a digit or '*' needs conda's "name version" form.
        var separator = Version[0] is '=' or '<' or '>' or '!' or '~' ? string.Empty : " ";
        return channel + Name + separator + Version;
    }

    /// <summary>Where the package applies (its <c>Platforms</c>).</summary>
    public PackagePlatforms AppliesOn { get; init; } = PackagePlatforms.Everywhere;

    public override string ToString() => ToMatchSpec();
}
