namespace M1Env.Core.Conda;

/// <summary>The conda front ends M1Env drives, in the order it prefers them (fastest first).</summary>
public enum CondaFlavor
{
    Micromamba,
    Mamba,
    Conda,
}
