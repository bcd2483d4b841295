namespace M1Env.Core.Machine;

/// <summary>What the Metal framework of this Mac lists, or why it could not be asked.</summary>
public sealed record MetalReport(IReadOnlyList<MetalDevice> Devices, string? Problem)
{
    /// <summary>A device MPS and the Metal plugins can use: Apple7 or later.</summary>
    public bool IsUsable => Devices.Any(d => d.SupportsApple7);
}
