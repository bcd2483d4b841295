namespace M1Env.Core.ToolsFolder;

/// <summary>One kept item of the tools folder that prune may remove: a kept install, venv, pip seed or probe answer.</summary>
/// <param name="Path">The item's folder (a probe answer: its file).</param>
/// <param name="Bytes">Its files' sizes, each file once however many names it has in the tools folder.</param>
/// <param name="FreedBytes">What removing it frees: its files that have no other name (an env's hard link keeps a kept install's file on disk).</param>
/// <param name="LastUse">When a build last used it (UTC): its use record, else when it was last written.</param>
/// <param name="UseRecorded">Whether <paramref name="LastUse"/> comes from a use record (false: kept by an older M1Env, judged by its time).</param>
public sealed record KeptItem(ToolsFolderKind Kind, string Path, long Bytes, long FreedBytes, DateTime LastUse, bool UseRecorded);
