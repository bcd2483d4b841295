namespace M1Env.Core.Tests.Verify;

/// <summary>How a stand-in <c>mlx</c> package behaves.</summary>
public enum StandInMlx
{
    /// <summary>Metal is available and <c>mx.default_device()</c> is the GPU, as on an Apple Silicon Mac.</summary>
    OnGpu,

    /// <summary>No Metal or CUDA: <c>mx.default_device()</c> is the CPU, as with <c>mlx[cpu]</c> on Linux.</summary>
    OnCpu,

    /// <summary>Installed, but importing <c>mlx.core</c> fails, as when its native library cannot load.</summary>
    FailsToImport,
}
