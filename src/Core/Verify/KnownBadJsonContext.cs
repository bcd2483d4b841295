using System.Text.Json.Serialization;

namespace M1Env.Core.Verify;

/// <summary>The shipped table's reader, generated at compile time: every build that provisions reads it, and reflection would cost it tens of milliseconds.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(KnownBadCombination[]))]
internal sealed partial class KnownBadJsonContext : JsonSerializerContext;
