namespace M1Env.Core.Machine;

/// <summary>The accelerator a machine offers Python frameworks.</summary>
public enum Accelerator
{
    Cpu,
    Metal,
    Cuda,
}
