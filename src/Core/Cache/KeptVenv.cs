using System.Text.Json.Serialization;

namespace M1Env.Core.Cache;

/// <summary>What a kept venv holds beside its folder (<see cref="KeptVenvs"/>), in <c>kept.json</c>.</summary>
/// <param name="MadeAt">The path the venv module was given, which it wrote into the venv's files.</param>
/// <param name="Prompt">The prompt it was given, written into pyvenv.cfg and the activate scripts.</param>
/// <param name="Rewritten">The files (relative to the venv) that name <paramref name="MadeAt"/> or <paramref name="Prompt"/>: all of them UTF-8 text.</param>
public sealed record KeptVenv(string MadeAt, string Prompt, IReadOnlyList<string> Rewritten);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(KeptVenv))]
internal sealed partial class KeptVenvJsonContext : JsonSerializerContext;
