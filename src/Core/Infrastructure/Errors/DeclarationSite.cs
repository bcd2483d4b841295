namespace M1Env.Core.Infrastructure.Errors;

/// <summary>
/// Where an item is declared: the file (MSBuild's DefiningProjectFullPath), its item type and the
/// Include it came from; enough to find its element again when a message is about to point at it.
/// </summary>
public sealed record DeclarationSite(string File, string ItemType, string Include);
