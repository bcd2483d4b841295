namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// <c>[tool.m1env]</c>: what M1Env needs beyond the standard. The declared requirements let a later build tell
/// which declared entries changed, so it re-resolves only those; the platforms say which machines the lock serves.
/// </summary>
/// <param name="Env">The M1Env env the lock belongs to.</param>
/// <param name="Requirements">The requirement strings declared for the env when the lock was written.</param>
/// <param name="Platforms">The platforms covered (<c>M1EnvLockPlatforms</c>): <c>osx-arm64</c>, <c>linux-x64</c>, <c>win-x64</c>...</param>
public sealed record PyLockM1EnvTool(string Env, IReadOnlyList<string> Requirements, IReadOnlyList<string> Platforms);
