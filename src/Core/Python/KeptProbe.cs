using System.Text.Json.Serialization;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Python;

/// <summary>A probe's answer kept across builds (<see cref="ProbeMemo"/>): valid while the file at <paramref name="Key"/> has <paramref name="Fingerprint"/>.</summary>
/// <param name="Key">The real path of the probed file.</param>
public sealed record KeptProbe<T>(string Key, FileFingerprint Fingerprint, T Answer);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(KeptProbe<ProbeResult>))]
[JsonSerializable(typeof(KeptProbe<ProbedTarget>))]
internal sealed partial class KeptProbeJsonContext : JsonSerializerContext;
