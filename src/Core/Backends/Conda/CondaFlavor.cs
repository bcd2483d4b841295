namespace M1Env.Core.Backends.Conda;

/// <summary>Which conda-compatible tool a command runs, in the order M1Env prefers them (fastest first).</summary>
public enum CondaFlavor
{
    /// <summary>micromamba, the single native executable.</summary>
    Micromamba,

    /// <summary>mamba: before 2.0 a front end over conda's Python, since 2.0 a native tool like micromamba.</summary>
    Mamba,

    /// <summary>conda itself (Python), e.g. from Miniforge or Miniconda.</summary>
    Conda,
}
