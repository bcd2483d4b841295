using M1Env.Core.Packaging.Markers;

namespace M1Env.Core.Packaging;

/// <summary>The interpreter a lock is installed for.</summary>
/// <param name="Platform">The M1Env platform name (<c>osx-arm64</c>, <c>linux-x64</c>, <c>win-x64</c>), for messages.</param>
/// <param name="Markers">The interpreter's marker values.</param>
/// <param name="CompatibleTags">
/// The wheel tags the interpreter accepts, best first, as <c>str(tag)</c> of <c>packaging.tags.sys_tags()</c>
/// (<c>cp311-cp311-manylinux_2_17_x86_64</c>).
/// </param>
public sealed record TargetEnvironment(string Platform, MarkerEnvironment Markers, IReadOnlyList<string> CompatibleTags);
