namespace M1Env.Core.Conda;

/// <summary>The conda executable M1Env runs, with the version it reported.</summary>
/// <param name="RootPrefix">Its root prefix (the install, whose <c>pkgs</c> is the package cache), or null when it cannot be told.</param>
public sealed record CondaTool(string Executable, CondaFlavor Flavor, string Version, string? RootPrefix)
{
    public override string ToString() => $"{Flavor.ToString().ToLowerInvariant()} {Version} ({Executable})";
}
