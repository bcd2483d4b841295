using System.Text.Json.Serialization;

namespace M1Env.Core.Engine.Jupyter;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class KernelRecordJsonContext : JsonSerializerContext;
