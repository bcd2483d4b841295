namespace M1Env.Core.Verify;

/// <summary>What the in-env check (<c>m1env_check.py</c>) printed: the interpreter, and each framework.</summary>
public sealed record EnvCheckReport(
    int Schema,
    string Python,
    string Implementation,
    string Executable,
    string Machine,
    string System,
    string Release,
    IReadOnlyList<FrameworkCheck> Frameworks)
{
    /// <summary>
    /// The frameworks that use an accelerator (TensorFlow, PyTorch, JAX, MLX) and are installed, or
    /// are there but fail to import (a broken install is not an absent one).
    /// </summary>
    public IEnumerable<FrameworkCheck> AcceleratedFrameworks =>
        Frameworks.Where(f => (f.Present || f.Error is not null) && f.UsesAccelerator);
}
