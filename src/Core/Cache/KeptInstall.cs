using System.Text.Json.Serialization;

namespace M1Env.Core.Cache;

/// <summary>What a kept install holds beside its files (<see cref="KeptInstalls"/>), in <c>kept.json</c>.</summary>
/// <param name="SitePackages">The env's site-packages folder it was kept from, relative to the env's prefix: an env laid out otherwise cannot take it.</param>
/// <param name="Record">Its RECORD, relative to the prefix; written anew into every env that takes the install.</param>
/// <param name="Scripts">The console scripts, relative to the prefix, kept without their launcher, which names the env's interpreter.</param>
/// <param name="Files">Every other kept file as it was kept, by its path relative to the prefix; null in what an M1Env before them kept.</param>
public sealed record KeptInstall(string SitePackages, string Record, IReadOnlyList<string> Scripts, IReadOnlyDictionary<string, KeptFile>? Files = null);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(KeptInstall))]
internal sealed partial class KeptInstallJsonContext : JsonSerializerContext;
