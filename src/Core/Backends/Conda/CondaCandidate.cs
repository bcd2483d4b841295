namespace M1Env.Core.Backends.Conda;

/// <summary>A conda executable found on disk, not yet run.</summary>
/// <param name="Source">Where it was found, for the log (M1EnvCondaExe, MAMBA_EXE, PATH, ~/miniforge3...).</param>
public sealed record CondaCandidate(string Executable, CondaFlavor Flavor, string Source)
{
    /// <summary>The flavor a file name tells: micromamba, mamba, else conda.</summary>
    public static CondaFlavor FlavorOf(string executable)
    {
        var name = Path.GetFileNameWithoutExtension(executable).ToLowerInvariant();
        return name.StartsWith("micromamba", StringComparison.Ordinal) ? CondaFlavor.Micromamba
            : name.StartsWith("mamba", StringComparison.Ordinal) ? CondaFlavor.Mamba
            : CondaFlavor.Conda;
    }
}
