namespace M1Env.Testing;

/// <summary>What <see cref="CondaPackageBuilder"/> puts into one conda package.</summary>
/// <param name="Name">A conda package name: lower case letters, digits and <c>_ . + -</c>.</param>
/// <param name="Version">A conda version: no spaces, no <c>-</c>.</param>
public sealed record CondaPackageSpec(string Name, string Version)
{
    public string Build { get; init; } = "0";

    public int BuildNumber { get; init; }

    /// <summary>Match specs such as <c>pkga &gt;=1.0,&lt;3</c> or <c>python &gt;=3.7</c>.</summary>
    public IReadOnlyList<string> Depends { get; init; } = [];

    public CondaNoarch Noarch { get; init; } = CondaNoarch.Generic;

    /// <summary>The subdir of a package that is not noarch; this machine's when null. Ignored for noarch packages.</summary>
    public string? PlatformSubdir { get; init; }

    public IReadOnlyList<CondaPackageFile> Files { get; init; } = [];

    /// <summary>For <see cref="CondaNoarch.Python"/>: <c>name = module:function</c> scripts conda writes into the env's bin.</summary>
    public IReadOnlyList<string> EntryPoints { get; init; } = [];

    public string License { get; init; } = "MIT";

    public DateTimeOffset Timestamp { get; init; } = CondaPackageBuilder.DefaultTimestamp;

    /// <summary><c>noarch</c> for noarch packages, else <see cref="PlatformSubdir"/> or <see cref="CondaSubdir.Current"/>.</summary>
    public string Subdir => Noarch == CondaNoarch.None ? PlatformSubdir ?? CondaSubdir.Current : CondaSubdir.Noarch;

    public string FileName => $"{Name}-{Version}-{Build}.tar.bz2";
}
