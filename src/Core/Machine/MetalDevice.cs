namespace M1Env.Core.Machine;

/// <summary>One Metal device as the Metal framework describes it.</summary>
/// <param name="RecommendedMaxWorkingSetBytes">How much memory the GPU should use at most (about two thirds of RAM on Apple Silicon).</param>
/// <param name="SupportsApple7">The Apple7 GPU family (M1 and later): what MPS and the Metal plugins need.</param>
/// <param name="SupportsMetal3">The Metal 3 family (M1 and later on macOS 13+).</param>
public sealed record MetalDevice(string Name, bool HasUnifiedMemory, long RecommendedMaxWorkingSetBytes, bool SupportsApple7, bool SupportsMetal3);
