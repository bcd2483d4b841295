namespace M1Env.Core.Conda;

/// <summary>Which conda-compatible tool a command runs.</summary>
public enum CondaFlavor
{
    /// <summary>conda itself (Python), e.g. from Miniforge or Miniconda.</summary>
    Conda,

    /// <summary>mamba: before 2.0 a front end over conda's Python, since 2.0 a native tool like micromamba.</summary>
    Mamba,

    /// <summary>micromamba, the single native executable.</summary>
    Micromamba,
}
