using System.Text.Json.Serialization;

namespace M1Env.Core.State;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EnvStamp))]
[JsonSerializable(typeof(InterpreterRecord))]
internal sealed partial class StampJsonContext : JsonSerializerContext;
