namespace M1Env.Core.ToolsFolder;

/// <summary>The size of one kind of the tools folder's contents.</summary>
/// <param name="Items">How many kept items it holds (0 for a kind that is not made of items, such as <see cref="ToolsFolderKind.Miniforge"/>).</param>
public sealed record KindSize(ToolsFolderKind Kind, long Bytes, int Items, int Files);
