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
    /// <summary>The frameworks that use an accelerator (TensorFlow, PyTorch, JAX) and are installed.</summary>
    public IEnumerable<FrameworkCheck> AcceleratedFrameworks =>
        Frameworks.Where(f => f.Present && f.Name is "tensorflow" or "torch" or "jax");
}
